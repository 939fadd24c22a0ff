package io.siha.e2e.kube;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** A test class of its own {@link MockCluster}: started before its first test, stopped after its last. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OnMockCluster {

    protected MockCluster kube;

    @BeforeAll
    void startKubernetes() throws Exception {
        kube = new MockCluster(getClass().getSimpleName());
    }

    @AfterAll
    void stopKubernetes() {
        if (kube != null) {
            kube.close();
        }
    }
}
