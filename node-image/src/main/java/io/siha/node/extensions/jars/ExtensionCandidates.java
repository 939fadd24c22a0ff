package io.siha.node.extensions.jars;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipException;

/**
 * The classes of one jar that may be Siddhi extensions: those whose class file names the type of the
 * {@code @io.siddhi.annotation.Extension} annotation. Found from the bytes, without loading anything, so the jar's
 * other classes (a library's, with optional dependencies of their own) are never loaded here; a candidate proves to
 * be an extension only once loaded ({@link ExtensionJars}).
 *
 * <p>Why not the class index Siddhi's annotation processor writes ({@code META-INF/annotations/
 * io.siddhi.annotation.Extension}, by atteo classindex, which siddhi-core reads with {@code ClassIndex.getAnnotated}):
 * a jar has it only when the processor ran. Gradle runs processors only from its {@code annotationProcessor}
 * configuration, {@code -proc:none} skips them, and a shaded jar keeps one of its inputs' index files unless the
 * build appends them: an extension missing from the index would then be "not found" with nothing saying why. Reading
 * the class files finds every annotated class however the jar was built, at the cost of reading each class once at
 * start.
 */
final class ExtensionCandidates {

    /** How the annotation's type appears in a class file's constant pool, where a class is annotated with it. */
    private static final byte[] ANNOTATION_DESCRIPTOR = "Lio/siddhi/annotation/Extension;"
            .getBytes(StandardCharsets.US_ASCII);

    private ExtensionCandidates() {
    }

    /** The binary names of {@code jar}'s candidate classes, in entry order; throws naming the jar if unreadable. */
    static List<String> in(Path jar) {
        List<String> names = new ArrayList<>();
        // No signature check here: the class loader verifies a signed jar's classes as it loads them.
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (isClass(entry) && mentionsAnnotation(file, entry, jar)) {
                    names.add(binaryName(entry.getName()));
                }
            }
        } catch (ZipException e) {
            throw new InvalidExtensionJarException(jar, "is not a readable jar (" + e.getMessage() + "); replace it"
                    + " with the jar the extension's build made, or remove it", e);
        } catch (NoSuchFileException | AccessDeniedException e) {
            throw new InvalidExtensionJarException(jar, "cannot be read by this process (" + e + ")", e);
        } catch (IOException e) {
            throw new InvalidExtensionJarException(jar, "cannot be read: " + e.getMessage(), e);
        }
        return names;
    }

    /**
     * A class of the jar's own: not {@code module-info} or {@code package-info}, and not a multi-release variant
     * under {@code META-INF/versions}, which the base entry of the same class already names.
     */
    private static boolean isClass(JarEntry entry) {
        String name = entry.getName();
        return !entry.isDirectory() && name.endsWith(".class") && !name.startsWith("META-INF/")
                && !name.endsWith("module-info.class") && !name.endsWith("package-info.class");
    }

    private static boolean mentionsAnnotation(JarFile file, JarEntry entry, Path jar) throws IOException {
        byte[] bytes;
        try (InputStream in = file.getInputStream(entry)) {
            bytes = in.readAllBytes();
        } catch (ZipException e) {
            throw new InvalidExtensionJarException(jar, "is corrupt: its entry " + entry.getName() + " cannot be read ("
                    + e.getMessage() + ")", e);
        }
        return indexOf(bytes, ANNOTATION_DESCRIPTOR) >= 0;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String binaryName(String entryName) {
        return entryName.substring(0, entryName.length() - ".class".length()).replace('/', '.');
    }
}
