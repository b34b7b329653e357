package io.streamstats.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the simple commands out of a workflow step's bash script without running it, enough to check what the
 * commands name: words split as bash does for quoting, line continuations joined, commands split at ; && || | and
 * taken out of $( ... ), variables replaced where their value is known (the step's env, plain assignments,
 * ${X:-default}), one-level for-loops over literal words expanded, and one-line wrapper functions
 * ({@code kube() { kubectl -n "$NAMESPACE" "$@"; }}) inlined. An unknown value stays as {@code ${NAME}}.
 */
final class WorkflowScript {

    /** One simple command: its words after quoting and variable replacement. */
    record Command(List<String> words, String source) {
        String name() {
            return words.isEmpty() ? "" : words.get(0);
        }

        @Override
        public String toString() {
            return String.join(" ", words) + "   <- " + source.strip();
        }
    }

    private static final Pattern WRAPPER = Pattern.compile("^\\s*(\\w+)\\(\\)\\s*\\{\\s*(.*?)\"\\$@\";?\\s*}\\s*$");
    private static final Pattern ASSIGNMENT = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);
    private static final List<String> KEYWORDS = List.of("do", "then", "else", "elif", "!", "{", "}", "(", ")",
            "if", "while", "until", "local", "export", "time");

    private final Map<String, String> vars;
    private final Map<String, List<String>> wrappers = new HashMap<>();
    final List<Command> commands = new ArrayList<>();

    private WorkflowScript(Map<String, String> env) {
        this.vars = new LinkedHashMap<>(env);
    }

    /** The commands of a script, given the variables its environment sets. */
    static List<Command> parse(String script, Map<String, String> env) {
        WorkflowScript parsed = new WorkflowScript(env);
        parsed.read(script);
        return parsed.commands;
    }

    private void read(String script) {
        List<String> loopItems = null;
        String loopVar = null;
        List<String> loopBody = new ArrayList<>();
        for (String line : logicalLines(script)) {
            if (line.isBlank()) {
                continue;
            }
            Matcher wrapper = WRAPPER.matcher(line);
            if (wrapper.matches()) {
                wrappers.put(wrapper.group(1), words(wrapper.group(2)));
                continue;
            }
            Matcher loop = Pattern.compile("^\\s*for (\\w+) in ([^;]*);\\s*do\\s*(.*)$").matcher(line);
            if (loop.matches() && !loop.group(2).contains("$(")) {
                loopVar = loop.group(1);
                loopItems = words(loop.group(2));
                loopBody = new ArrayList<>();
                String body = loop.group(3).strip();
                boolean oneLine = body.endsWith("done"); // for x in a b; do cmd "$x"; done
                if (oneLine) {
                    body = body.replaceFirst(";?\\s*done$", "");
                }
                if (!body.isBlank()) {
                    loopBody.add(body);
                }
                if (!oneLine) {
                    continue;
                }
                line = "done";
            }
            if (loopItems != null) {
                if (line.strip().startsWith("done")) {
                    for (String item : loopItems) {
                        String previous = vars.put(loopVar, item);
                        loopBody.forEach(this::line);
                        restore(loopVar, previous);
                    }
                    loopItems = null;
                } else {
                    loopBody.add(line);
                }
                continue;
            }
            line(line);
        }
    }

    private void restore(String name, String previous) {
        if (previous == null) {
            vars.remove(name);
        } else {
            vars.put(name, previous);
        }
    }

    /** Splits one line into simple commands (also those inside $( ... )) and records them. */
    private void line(String line) {
        for (String part : split(line)) {
            List<String> words = words(part);
            // keywords, and case patterns such as `*Failed*)`, come before the command
            while (!words.isEmpty() && (KEYWORDS.contains(words.get(0))
                    || words.get(0).endsWith(")") && !words.get(0).startsWith("$("))) {
                words = words.subList(1, words.size());
            }
            if (words.isEmpty() || words.get(0).startsWith("[") || words.get(0).equals("done")
                    || words.get(0).equals("fi") || words.get(0).equals("esac") || words.get(0).equals("case")) {
                continue;
            }
            if (words.size() == 1 && ASSIGNMENT.matcher(words.get(0)).matches() || allAssignments(words)) {
                for (String assignment : words) {
                    int eq = assignment.indexOf('=');
                    String value = assignment.substring(eq + 1);
                    if (value.contains("$(")) {
                        vars.remove(assignment.substring(0, eq)); // a command's output: unknown here
                    } else {
                        vars.put(assignment.substring(0, eq), value);
                    }
                }
                continue;
            }
            List<String> prefix = wrappers.get(words.get(0));
            if (prefix != null) {
                List<String> expanded = new ArrayList<>(prefix);
                expanded.addAll(words.subList(1, words.size()));
                words = expanded;
            }
            commands.add(new Command(List.copyOf(words), part));
        }
    }

    private static boolean allAssignments(List<String> words) {
        return words.stream().allMatch(w -> ASSIGNMENT.matcher(w).matches() && !w.startsWith("--"));
    }

    /**
     * Lines as bash reads them: comments removed, a backslash-newline joins two lines, a newline inside quotes or
     * inside $( ... ) stays in the line (a multi-line JSON patch). Quotes inside $( ... ) are their own context.
     */
    static List<String> logicalLines(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        java.util.ArrayDeque<Character> context = new java.util.ArrayDeque<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char in = context.isEmpty() ? 'T' : context.peek();
            if (c == '\\' && in != '\'' && i + 1 < text.length()) {
                if (text.charAt(i + 1) == '\n') {
                    line.append(' ');
                } else {
                    line.append(c).append(text.charAt(i + 1));
                }
                i++;
                continue;
            }
            if (in == 'T' && c == '#' && (line.isEmpty() || Character.isWhitespace(line.charAt(line.length() - 1)))) {
                while (i + 1 < text.length() && text.charAt(i + 1) != '\n') {
                    i++;
                }
                continue;
            }
            if (in == 'T' && c == '\n') {
                lines.add(line.toString());
                line.setLength(0);
                continue;
            }
            line.append(c);
            scan(text, i, context);
        }
        lines.add(line.toString());
        return lines;
    }

    /** Updates the quoting context (top, '"', '\'', 'P' for $( ... )) for the character at text[i]. */
    private static void scan(String text, int i, java.util.ArrayDeque<Character> context) {
        char c = text.charAt(i);
        char in = context.isEmpty() ? 'T' : context.peek();
        if (in == '\'') {
            if (c == '\'') {
                context.pop();
            }
        } else if (in == '"') {
            if (c == '"') {
                context.pop();
            } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '(') {
                context.push('P');
            }
        } else {
            if (c == '\'') {
                context.push('\'');
            } else if (c == '"') {
                context.push('"');
            } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '(') {
                context.push('P');
            } else if (in == 'P' && c == '(' && text.charAt(i - 1) != '$') {
                context.push('P');
            } else if (in == 'P' && c == ')') {
                context.pop();
            }
        }
    }

    /** The simple commands of a line: split at ; && || | outside quotes, $( ... ) bodies as commands of their own. */
    private List<String> split(String line) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && !single && i + 1 < line.length()) {
                current.append(c).append(line.charAt(++i));
            } else if (c == '\'' && !dbl) {
                single = !single;
                current.append(c);
            } else if (c == '"' && !single) {
                dbl = !dbl;
                current.append(c);
            } else if (!single && c == '$' && i + 1 < line.length() && line.charAt(i + 1) == '(') {
                int end = matching(line, i + 1);
                String inner = line.substring(i + 2, end);
                if (!inner.startsWith("(")) { // $(( arithmetic )) is no command
                    parts.addAll(split(inner));
                }
                current.append("$(…)");
                i = end;
            } else if (!single && !dbl && c == '&' && i > 0 && line.charAt(i - 1) == '>') {
                current.append(c); // a redirection such as 2>&1
            } else if (!single && !dbl && (c == ';' || c == '|' || c == '&')) {
                if (i + 1 < line.length() && line.charAt(i + 1) == c) {
                    i++; // && or ||
                }
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        parts.removeIf(String::isBlank);
        return parts;
    }

    /** The index of the ')' closing the $( whose '(' is at text[open]. */
    private static int matching(String text, int open) {
        java.util.ArrayDeque<Character> context = new java.util.ArrayDeque<>();
        context.push('P');
        for (int i = open + 1; i < text.length(); i++) {
            if (text.charAt(i) == '\\' && context.peek() != '\'') {
                i++;
                continue;
            }
            scan(text, i, context);
            if (context.isEmpty()) {
                return i;
            }
        }
        return text.length() - 1;
    }

    /** Words as bash splits them, quotes removed, $VAR / ${VAR} / ${VAR:-default} replaced where known. */
    private List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                continue;
            }
            if (word == null) {
                word = new StringBuilder();
            }
            if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                end = end < 0 ? text.length() : end;
                word.append(text, i + 1, end);
                i = end;
            } else if (c == '"') {
                int j = i + 1;
                while (j < text.length() && text.charAt(j) != '"') {
                    if (text.charAt(j) == '\\' && j + 1 < text.length()) {
                        word.append(text.charAt(++j));
                    } else if (text.charAt(j) == '$') {
                        j = variable(text, j, word);
                    } else {
                        word.append(text.charAt(j));
                    }
                    j++;
                }
                i = j;
            } else if (c == '\\' && i + 1 < text.length()) {
                word.append(text.charAt(++i));
            } else if (c == '$') {
                i = variable(text, i, word);
            } else {
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    /** Appends the value of the variable at text[i] ('$'); returns the index of its last character. */
    private int variable(String text, int i, StringBuilder out) {
        if (i + 1 >= text.length()) {
            out.append('$');
            return i;
        }
        char next = text.charAt(i + 1);
        if (next == '{') {
            int end = text.indexOf('}', i);
            String inner = text.substring(i + 2, end);
            int dash = inner.indexOf(":-");
            String name = dash < 0 ? inner : inner.substring(0, dash);
            String value = vars.get(name);
            if (value == null && dash >= 0) {
                value = inner.substring(dash + 2);
            }
            out.append(value != null ? value : "${" + name + "}");
            return end;
        }
        Matcher m = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*|[0-9@*#?]").matcher(text).region(i + 1, text.length());
        if (m.lookingAt()) {
            String name = m.group();
            String value = vars.get(name);
            out.append(value != null ? value : "${" + name + "}");
            return m.end() - 1;
        }
        out.append('$');
        return i;
    }
}
