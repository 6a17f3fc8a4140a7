package org.glance4j.core.format;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * All format probes run side by side over one stream, as Glance's {@code InspectWrapper} runs its inspectors: each
 * probe sees the bytes it wants; a probe that throws gets no more bytes but, as in Glance, still counts with what
 * it holds (a VMDK header with a bad version is still a VMDK, one whose safety cannot be shown); at the end the
 * one format that matched (raw when none did) is reported with its virtual size and the safety checks it failed.
 *
 * <p>Bytes may be offered out of order or with gaps (the path inspection skips to the regions the probes want);
 * a region only ever takes bytes that extend it, so a gap leaves it incomplete rather than wrong.
 */
final class FormatInspection {

    private static final Logger LOG = Logger.getLogger(FormatInspection.class.getName());

    private final boolean strict;
    private final List<FormatProbe> probes = new ArrayList<>();
    private final List<FormatProbe> hungry = new ArrayList<>();
    private long total;
    private boolean ended;

    /**
     * @param strict when true, an unexpected exception of a probe propagates instead of stopping the probe (tests
     *               use it to prove the probes never rely on that safety net)
     */
    FormatInspection(boolean strict) {
        this.strict = strict;
        probes.add(new Qcow2Probe());
        probes.add(new SimpleHeaderProbes.Vhd());
        probes.add(new VhdxProbe());
        probes.add(new VmdkProbe());
        probes.add(new SimpleHeaderProbes.Vdi());
        probes.add(new SimpleHeaderProbes.Qed());
        probes.add(new IsoProbe());
        probes.add(new GptProbe());
        probes.add(new LuksProbe());
        hungry.addAll(probes);
    }

    /** Offers {@code b[off..off+len)}, which sits at stream position {@code pos}, to every probe that wants bytes. */
    void accept(byte[] b, int off, int len, long pos) {
        if (len <= 0) {
            return;
        }
        for (int k = 0; k < hungry.size(); k++) {
            FormatProbe probe = hungry.get(k);
            try {
                probe.offer(b, off, len, pos);
                if (!probe.hungry()) {
                    hungry.remove(k);
                    k--;
                }
            } catch (RuntimeException e) {
                stop(probe, e);
                k--;
            }
        }
        total = Math.max(total, pos + len);
    }

    /** The stream ended after {@code streamLength} bytes. */
    void end(long streamLength) {
        if (ended) {
            return;
        }
        ended = true;
        total = streamLength;
        hungry.clear();
        for (FormatProbe probe : probes) {
            try {
                probe.end(streamLength);
            } catch (RuntimeException e) {
                stop(probe, e);
            }
        }
    }

    boolean ended() {
        return ended;
    }

    long total() {
        return total;
    }

    /** The lowest position at or after {@code position} that some probe waits for; MAX_VALUE when none does. */
    long nextWanted(long position) {
        long next = Long.MAX_VALUE;
        for (FormatProbe probe : hungry) {
            next = Math.min(next, probe.nextWanted(position));
        }
        return next;
    }

    /** The longest tail any remaining probe wants to see; 0 when none does. */
    int tailWanted() {
        int wanted = 0;
        for (FormatProbe probe : hungry) {
            if (probe.tail() != null) {
                wanted = Math.max(wanted, probe.tail().length());
            }
        }
        return wanted;
    }

    /** Bytes of heap the probes hold. */
    int held() {
        int sum = 0;
        for (FormatProbe probe : probes) {
            sum += probe.held();
        }
        return sum;
    }

    /** What the bytes so far show; before the end, probes still waiting for bytes count as not matching. */
    InspectionResult result() {
        List<FormatProbe> matched = new ArrayList<>();
        for (FormatProbe probe : probes) {
            try {
                if (probe.matches(ended)) {
                    matched.add(probe);
                }
            } catch (RuntimeException e) {
                stop(probe, e); // and it does not match
            }
        }
        if (matched.size() == 2
                && matched.get(0).name().equals("iso")
                && matched.get(1).name().equals("gpt")) {
            matched.remove(1); // a bootable ISO may carry a partition table in its system area
        }
        if (matched.isEmpty()) {
            return new InspectionResult("raw", total > 0 ? total : -1, List.of(), null);
        }
        if (matched.size() > 1) {
            List<String> names = matched.stream().map(FormatProbe::name).toList();
            return new InspectionResult(
                    String.join(",", names),
                    -1,
                    List.of(FormatProbe.problem(
                            InspectionResult.MULTIPLE_FORMATS,
                            "Multiple formats detected: " + String.join(",", names))),
                    null);
        }
        FormatProbe probe = matched.get(0);
        List<String> problems = new ArrayList<>();
        long virtualSize = 0;
        try {
            if (probe.complete(total)) {
                probe.safetyChecks(problems);
                virtualSize = probe.virtualSize(total);
            } else {
                problems.add(
                        FormatProbe.problem(InspectionResult.INCOMPLETE, "Incomplete file cannot be safety checked"));
            }
        } catch (RuntimeException e) {
            if (strict) {
                throw e;
            }
            LOG.log(Level.WARNING, "Safety check of " + probe.name() + " failed unexpectedly", e);
            problems.add(FormatProbe.problem("unexpected", "Unexpected error while checking " + probe.name()));
        }
        return new InspectionResult(probe.name(), virtualSize > 0 ? virtualSize : -1, problems, probe.subformat());
    }

    /** The probe gets no more bytes; it keeps what it holds. */
    private void stop(FormatProbe probe, RuntimeException e) {
        if (!(e instanceof NotThisFormatException)) {
            if (strict) {
                throw e;
            }
            LOG.log(Level.FINE, "Format probe " + probe.name() + " failed; it reads no more", e);
        }
        hungry.remove(probe);
    }
}
