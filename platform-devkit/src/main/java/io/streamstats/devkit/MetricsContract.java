package io.streamstats.devkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The metrics contract between the chart's monitoring files (Grafana dashboards, Prometheus rule file) and the
 * services: every metric name and label a PromQL expression there uses must exist in the /q/metrics scrape of the
 * service that emits it. A query grouping by a label nobody emits draws nothing and an alert on a renamed metric
 * never fires, and neither says so; this check does.
 *
 * <p>The PromQL reading is deliberately small: a metric is an identifier not followed by {@code (} that is no
 * keyword; labels are the names inside a selector's braces (checked on that metric) and inside {@code by} /
 * {@code without} of an aggregation (checked on every metric of its argument) or {@code on} / {@code ignoring} /
 * {@code group_left} / {@code group_right} (checked on some metric of the expression). {@code instance} and
 * {@code job} are attached by Prometheus when it scrapes, so they are never in a scrape and always allowed.
 */
public final class MetricsContract {

    /** The owner of the kubelet's metrics, which Prometheus scrapes from each node, not from a service. */
    public static final String KUBELET = "kubelet";

    /**
     * The kubelet's volume metrics as it exposes them (Kubernetes' kubelet metrics, ALPHA stability there: one series
     * per mounted PersistentVolumeClaim, labelled with its namespace and name): what rules on the kubelet's metrics
     * are checked against, as a service's rules are against its scrape.
     */
    public static final String KUBELET_VOLUME_STATS = """
            kubelet_volume_stats_available_bytes{namespace="ns",persistentvolumeclaim="claim"} 1.0e+09
            kubelet_volume_stats_capacity_bytes{namespace="ns",persistentvolumeclaim="claim"} 2.0e+10
            kubelet_volume_stats_used_bytes{namespace="ns",persistentvolumeclaim="claim"} 1.9e+10
            kubelet_volume_stats_inodes{namespace="ns",persistentvolumeclaim="claim"} 1.3e+06
            kubelet_volume_stats_inodes_free{namespace="ns",persistentvolumeclaim="claim"} 1.2e+06
            kubelet_volume_stats_inodes_used{namespace="ns",persistentvolumeclaim="claim"} 1.0e+05
            """;

    /** The owner of kube-state-metrics' metrics (the state of Kubernetes objects, scraped from its own pod). */
    public static final String KUBE_STATE_METRICS = "kube-state-metrics";

    /** kube-state-metrics' Deployment series as it exposes them (STABLE there), for the rules that use them. */
    public static final String KUBE_STATE_DEPLOYMENTS = """
            kube_deployment_status_replicas{namespace="ns",deployment="d"} 2
            kube_deployment_status_replicas_available{namespace="ns",deployment="d"} 2
            kube_deployment_status_replicas_unavailable{namespace="ns",deployment="d"} 0
            kube_deployment_status_replicas_ready{namespace="ns",deployment="d"} 2
            kube_deployment_spec_replicas{namespace="ns",deployment="d"} 2
            """;

    /** Which service emits a metric, by name prefix; a metric matching none (http_server_*, jvm_*, ...) every service. */
    public static final Map<String, String> OWNERS = Map.of(
            "streaming_", "streaming-service",
            "settlement_", "streaming-service", // SettlementMetrics: figures of the batch read from settled_dates
            "watch_history_", "streaming-service", // SettlementMetrics: the partitions the batch keeps
            "user_", "user-service",
            "kubelet_", KUBELET, // the MySQL volumes' fill: KUBELET_VOLUME_STATS
            "kube_", KUBE_STATE_METRICS); // ready pods per Deployment: KUBE_STATE_DEPLOYMENTS

    /** Added by Prometheus at scrape time. */
    public static final Set<String> TARGET_LABELS = Set.of("instance", "job");

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "and", "or", "unless", "bool", "offset", "inf", "nan", "atan2");
    private static final Set<String> AGGREGATIONS = Set.of("sum", "avg", "min", "max", "count", "stddev", "stdvar",
            "topk", "bottomk", "quantile", "count_values", "group", "limitk", "limit_ratio");
    private static final Pattern TOKEN = Pattern.compile(
            "\\s+|(\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`)|(\\$\\{[^}]*}|\\$\\w+)"
                    + "|([A-Za-z_:][A-Za-z0-9_:]*)|([0-9][0-9.eE+]*[a-zA-Z]*)|(=~|!~|!=|==|<=|>=|[{}()\\[\\],=<>+\\-*/%^@:])");

    private MetricsContract() {
    }

    /** A metric used by an expression, with the labels the expression needs it to carry. */
    public record Use(String metric, Set<String> labels, String where) {
    }

    record Token(String text, boolean identifier) {
    }

    /** The metrics and labels an expression uses. */
    public static List<Use> uses(String expression, String where) {
        List<Token> tokens = tokenize(expression);
        Map<Integer, Set<String>> labelsAt = new TreeMap<>(); // metric token index -> its labels
        List<String[]> scoped = new ArrayList<>(); // {from, to, label}: label must be on every metric in [from, to)
        Set<String> anyMetric = new TreeSet<>(); // label must be on some metric of the expression
        boolean[] inLabelList = new boolean[tokens.size()];
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (!token.identifier() || inLabelList[i]) {
                continue;
            }
            String next = i + 1 < tokens.size() ? tokens.get(i + 1).text() : "";
            String name = token.text();
            if (AGGREGATIONS.contains(name) && (next.equals("(") || next.equals("by") || next.equals("without"))) {
                int at = i + 1;
                List<String> grouping = new ArrayList<>();
                if (!next.equals("(")) {
                    at = labelList(tokens, at + 1, grouping, inLabelList);
                }
                int close = matching(tokens, at);
                if (close + 1 < tokens.size() && Set.of("by", "without").contains(tokens.get(close + 1).text())) {
                    labelList(tokens, close + 2, grouping, inLabelList);
                }
                for (String label : grouping) {
                    scoped.add(new String[] {String.valueOf(at), String.valueOf(close), label});
                }
                continue;
            }
            if (Set.of("on", "ignoring", "group_left", "group_right").contains(name) && next.equals("(")) {
                List<String> labels = new ArrayList<>();
                i = labelList(tokens, i + 1, labels, inLabelList) - 1;
                anyMetric.addAll(labels);
                continue;
            }
            if (KEYWORDS.contains(name) || next.equals("(")) {
                continue; // keyword or function
            }
            // a metric; its selector's label names
            Set<String> labels = new TreeSet<>();
            if (next.equals("{")) {
                int j = i + 2;
                for (; j < tokens.size() && !tokens.get(j).text().equals("}"); j++) {
                    String after = j + 1 < tokens.size() ? tokens.get(j + 1).text() : "";
                    if (tokens.get(j).identifier() && Set.of("=", "!=", "=~", "!~").contains(after)) {
                        labels.add(tokens.get(j).text());
                    }
                }
                labelsAt.put(i, labels);
                i = j;
            } else {
                labelsAt.put(i, labels);
            }
        }
        // a bare selector {__name__=...} or a label inside braces without a metric would need more; none is used
        for (String[] scope : scoped) {
            int from = Integer.parseInt(scope[0]);
            int to = Integer.parseInt(scope[1]);
            labelsAt.forEach((index, labels) -> {
                if (index > from && index < to) {
                    labels.add(scope[2]);
                }
            });
        }
        List<Use> uses = new ArrayList<>();
        labelsAt.forEach((index, labels) -> uses.add(new Use(tokens.get(index).text(), labels, where)));
        for (String label : anyMetric) {
            uses.add(new Use("*", Set.of(label), where)); // checked on some metric of the same expression
        }
        return uses;
    }

    /** Index after the ')' of a label list starting with '(' at {@code at}; its names go to {@code labels}. */
    private static int labelList(List<Token> tokens, int at, List<String> labels, boolean[] inLabelList) {
        if (at >= tokens.size() || !tokens.get(at).text().equals("(")) {
            throw new IllegalArgumentException("'(' expected after by/without/on/ignoring");
        }
        int j = at + 1;
        for (; j < tokens.size() && !tokens.get(j).text().equals(")"); j++) {
            if (tokens.get(j).identifier()) {
                labels.add(tokens.get(j).text());
                inLabelList[j] = true;
            }
        }
        return j + 1;
    }

    private static int matching(List<Token> tokens, int open) {
        int depth = 0;
        for (int j = open; j < tokens.size(); j++) {
            String text = tokens.get(j).text();
            if (text.equals("(")) {
                depth++;
            } else if (text.equals(")") && --depth == 0) {
                return j;
            }
        }
        throw new IllegalArgumentException("unbalanced parentheses");
    }

    private static List<Token> tokenize(String expression) {
        List<Token> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(expression);
        int at = 0;
        boolean inRange = false;
        while (at < expression.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("cannot read PromQL at '" + expression.substring(at) + "'");
            }
            at = m.end();
            if (m.group(4) != null || m.group(1) != null || m.group(2) != null) {
                tokens.add(new Token(m.group(), false)); // number, duration, string, Grafana variable
            } else if (m.group(3) != null) {
                tokens.add(new Token(m.group(), !inRange));
            } else if (m.group(5) != null) {
                String p = m.group(5);
                inRange = p.equals("[") || (inRange && !p.equals("]"));
                tokens.add(new Token(p, false));
            }
        }
        return tokens;
    }

    /** Every PromQL expression of the Grafana dashboards ({@code "expr"} of their targets) under a directory. */
    public static List<Use> dashboardUses(Path directory) {
        List<Use> uses = new ArrayList<>();
        Pattern expr = Pattern.compile("\"expr\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                Matcher m = expr.matcher(Files.readString(file));
                while (m.find()) {
                    String expression = unescapeJson(m.group(1));
                    uses.addAll(uses(expression, file.getFileName() + ": " + expression));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return uses;
    }

    /** Every {@code expr} of a Prometheus rule file (one-line values and | / > block scalars). */
    public static List<Use> ruleUses(Path file) {
        List<Use> uses = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Pattern expr = Pattern.compile("^(\\s*)(?:- )?expr:\\s*(.*)$");
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = expr.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            String value = m.group(2).strip();
            if (value.startsWith("|") || value.startsWith(">")) {
                StringBuilder block = new StringBuilder();
                int indent = m.group(1).length();
                while (i + 1 < lines.size() && (lines.get(i + 1).isBlank()
                        || lines.get(i + 1).length() - lines.get(i + 1).stripLeading().length() > indent)) {
                    block.append(lines.get(++i).strip()).append(' ');
                }
                value = block.toString().strip();
            } else if (value.length() > 1 && (value.startsWith("'") || value.startsWith("\""))) {
                value = value.substring(1, value.length() - 1).replace("''", "'");
            }
            uses.addAll(uses(value, file.getFileName() + ": " + value));
        }
        return uses;
    }

    /** Metric name -> label names, from Prometheus text exposition. */
    public static Map<String, Set<String>> scrape(String exposition) {
        Map<String, Set<String>> metrics = new TreeMap<>();
        Pattern label = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=\"(?:[^\"\\\\]|\\\\.)*\"");
        for (String line : exposition.lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            String name = line.substring(0, brace >= 0 && brace < space ? brace : space);
            Set<String> labels = metrics.computeIfAbsent(name, n -> new TreeSet<>());
            if (brace >= 0 && brace < space) {
                Matcher m = label.matcher(line.substring(brace, line.lastIndexOf('}') + 1));
                while (m.find()) {
                    labels.add(m.group(1));
                }
            }
        }
        return metrics;
    }

    /** The service a metric comes from, or null when every service emits it. */
    public static String owner(String metric) {
        return OWNERS.entrySet().stream().filter(e -> metric.startsWith(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    /**
     * What {@code service}'s scrape lacks of the uses it is responsible for (its own metrics and those every service
     * emits): one line per missing metric or label.
     */
    public static List<String> problems(String service, String exposition, List<Use> uses) {
        Map<String, Set<String>> scraped = scrape(exposition);
        Set<String> problems = new LinkedHashSet<>();
        Map<String, List<Use>> byWhere = new TreeMap<>();
        uses.forEach(u -> byWhere.computeIfAbsent(u.where(), w -> new ArrayList<>()).add(u));
        for (Use use : uses) {
            String owner = owner(use.metric());
            if (use.metric().equals("*")) {
                // on()/ignoring() label: some metric of the same expression this service emits must carry it
                List<Use> mine = byWhere.get(use.where()).stream().filter(u -> !u.metric().equals("*"))
                        .filter(u -> owner(u.metric()) == null || owner(u.metric()).equals(service)).toList();
                boolean carried = mine.isEmpty() || TARGET_LABELS.containsAll(use.labels()) || mine.stream().anyMatch(
                        u -> scraped.getOrDefault(u.metric(), Set.of()).containsAll(use.labels()));
                if (!carried) {
                    problems.add("label " + use.labels() + " is on no metric of: " + use.where());
                }
                continue;
            }
            if (owner != null && !owner.equals(service)) {
                continue;
            }
            Set<String> labels = scraped.get(use.metric());
            if (labels == null) {
                problems.add("metric " + use.metric() + " is not in " + service + "'s /q/metrics: " + use.where());
                continue;
            }
            for (String label : use.labels()) {
                if (!labels.contains(label) && !TARGET_LABELS.contains(label)) {
                    problems.add("label " + label + " is not on " + use.metric() + " (it has " + labels + "): "
                            + use.where());
                }
            }
        }
        return new ArrayList<>(problems);
    }

    private static String unescapeJson(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(e);
            }
        }
        return out.toString();
    }
}
