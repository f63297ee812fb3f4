package dev.metakube.evidence.text;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the time an application needs to start against what its liveness probe allows, as an SRE does with
 * {@code kubectl describe pod}: the probe gives a container {@code delay + period x failures} seconds before the
 * kubelet kills it. Where the liveness probe killed the container, no startup probe guards it, and the application
 * says it needs longer to start ({@code Started ... in 71.4 seconds}) or each run ended right when the budget ran
 * out ({@code Last State} started and finished), the probe kills the application before it is up. The same
 * timing read the other way: a container OOM-killed after hours of running grew into its limit, as a leak does.
 */
final class StartupBudgetReader implements LineReader {
    private static final Pattern LIVENESS = Pattern.compile(
            "^\\s*Liveness:\\s+.{0,300}?delay=(\\d{1,5})s.{0,100}?period=(\\d{1,5})s.{0,100}?#failure=(\\d{1,3})");
    /** Spring Boot, Quarkus, Micronaut and the like: the start-up time the application reports. */
    private static final Pattern STARTED_IN = Pattern.compile(
            "(?i)\\bstarted\\b.{0,120}?\\bin (\\d{1,5}(?:\\.\\d{1,4})?) ?(?:s\\b|sec|seconds)");
    private static final Pattern STARTED_AT = Pattern.compile("^\\s*Started:\\s+(.{10,60}?)\\s*$");
    private static final Pattern FINISHED_AT = Pattern.compile("^\\s*Finished:\\s+(.{10,60}?)\\s*$");
    private static final Pattern CONTAINER_KILLED = Pattern.compile(
            "Container (\\S{1,253}) failed liveness probe, will be restarted");
    /** A run this long (seconds) before an OOM kill means memory grew with uptime. */
    private static final long LONG_RUN = 3 * 3600;
    /** How close to the budget a killed run must end to count as killed while starting, in seconds. */
    private static final int SLACK = 15;

    private int budget = -1;
    private String livenessLine;
    private boolean startupProbe;
    private double startedIn = -1;
    private String container;
    private boolean killed;
    private boolean lastState;
    private ZonedDateTime lastStarted;
    private long lastRun = -1;
    private boolean oomKilled;
    private String lastRunQuote;

    @Override
    public void line(String line, String lower) {
        String trimmed = line.stripLeading();
        if (trimmed.startsWith("Liveness:")) {
            Matcher m = LIVENESS.matcher(line);
            if (m.find() && budget < 0) {
                budget = Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2)) * Integer.parseInt(m.group(3));
                livenessLine = trimmed;
            }
        } else if (trimmed.startsWith("Startup:")) {
            startupProbe = true;
        } else if (trimmed.startsWith("Last State:")) {
            lastState = lower.contains("terminated");
        } else if (lastState && trimmed.startsWith("Reason:")) {
            oomKilled |= lower.contains("oomkilled");
        } else if (lastState && trimmed.startsWith("Started:")) {
            Matcher m = STARTED_AT.matcher(line);
            lastStarted = m.find() ? time(m.group(1)) : null;
        } else if (lastState && trimmed.startsWith("Finished:")) {
            Matcher m = FINISHED_AT.matcher(line);
            ZonedDateTime finished = m.find() ? time(m.group(1)) : null;
            if (lastStarted != null && finished != null && lastRun < 0) {
                lastRun = java.time.Duration.between(lastStarted, finished).toSeconds();
                lastRunQuote = trimmed;
            }
            lastState = false;
        }
        if (lower.contains("failed liveness probe")) {
            Matcher m = CONTAINER_KILLED.matcher(line);
            killed = true;
            if (m.find() && container == null) {
                container = m.group(1);
            }
        }
        if (startedIn < 0 && lower.contains("started") && lower.contains(" in ")) {
            Matcher m = STARTED_IN.matcher(line);
            if (m.find()) {
                startedIn = Double.parseDouble(m.group(1));
            }
        }
    }

    private static String hours(long seconds) {
        return seconds / 3600 + "h" + (seconds % 3600) / 60 + "m";
    }

    private static ZonedDateTime time(String s) {
        try {
            return ZonedDateTime.parse(s.strip(), DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public void finish(List<TextFinding> out) {
        if (oomKilled && lastRun >= LONG_RUN) {
            // killed for memory after hours of running: usage grew with uptime, as a leak does; an undersized
            // limit is usually met soon after start or at the first peak
            out.add(TextFinding.of("memory-growth", lastRunQuote, 0.8, "uptime", hours(lastRun)));
        }
        if (budget < 0 || startupProbe || !killed) {
            return;
        }
        boolean slowStart = startedIn > budget;
        boolean killedAtBudget = lastRun >= budget - 5 && lastRun <= budget + SLACK;
        if (!slowStart && !killedAtBudget) {
            return;
        }
        String needs = slowStart ? Math.round(startedIn) + "s" : "more than " + budget + "s";
        out.add(TextFinding.of("probe-kills-before-start", livenessLine, 0.9, "container", container,
                "budget", budget + "s", "startup", needs));
    }
}
