package io.siha.node.ha;

import io.siha.node.output.OutputId;
import io.siha.node.sync.DeliveredMark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Between the sinks' marks (by sink key) and the sync protocol's, which carries them from the active to the passive. */
final class DeliveredMarks {

    private DeliveredMarks() {
    }

    static List<DeliveredMark> fromOutputIds(Map<String, OutputId> marks) {
        return marks.entrySet().stream()
                .map(mark -> new DeliveredMark(mark.getKey(), mark.getValue().seq(), mark.getValue().position()))
                .toList();
    }

    static Map<String, OutputId> toOutputIds(List<DeliveredMark> marks) {
        Map<String, OutputId> byKey = new LinkedHashMap<>();
        marks.forEach(mark -> byKey.put(mark.sink(), new OutputId(mark.seq(), mark.position())));
        return byKey;
    }
}
