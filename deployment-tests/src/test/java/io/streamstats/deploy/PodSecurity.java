package io.streamstats.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Pod Security Standards "restricted" profile (which includes "baseline"), as
 * https://kubernetes.io/docs/concepts/security/pod-security-standards/ defines it for Kubernetes v1.33, evaluated on
 * pod templates. Each rule carries the control's name from that page; "Host Probes / Lifecycle Hooks" (v1.34) is
 * checked too. A violation reads "{@code <control>: <field> = <value>}".
 */
final class PodSecurity {

    /** Baseline "Capabilities": the only capabilities containers may add. */
    static final Set<String> BASELINE_CAPABILITIES = Set.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID",
            "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");
    /** Baseline "Sysctls": the safe, namespaced set (ip_local_reserved_ports since 1.27, the tcp_* ones since 1.29). */
    static final Set<String> SAFE_SYSCTLS = Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
            "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
            "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
            "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes");
    /** Baseline "SELinux": the allowed types ("" and unset too; container_engine_t since 1.31). */
    static final Set<String> SELINUX_TYPES = Set.of("", "container_t", "container_init_t", "container_kvm_t",
            "container_engine_t");
    /** Restricted "Volume Types": the only volume sources allowed. */
    static final Set<String> VOLUME_TYPES = Set.of("configMap", "csi", "downwardAPI", "emptyDir", "ephemeral",
            "persistentVolumeClaim", "projected", "secret");
    private static final String APPARMOR_ANNOTATION = "container.apparmor.security.beta.kubernetes.io/";

    private PodSecurity() {
    }

    /** A pod template found in a manifest: where it is, its metadata and its spec. */
    record PodTemplate(String where, JsonNode metadata, JsonNode spec) {
    }

    /** Every pod template of the objects: Pods, the workload controllers' templates and CronJobs' job templates. */
    static List<PodTemplate> podTemplates(String set, List<ObjectNode> objects) {
        List<PodTemplate> pods = new ArrayList<>();
        for (ObjectNode o : objects) {
            String where = set + ": " + o.path("kind").asText() + " " + o.path("metadata").path("name").asText();
            JsonNode template = switch (o.path("kind").asText()) {
                case "Pod" -> o;
                case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job" ->
                        o.path("spec").path("template");
                case "CronJob" -> o.path("spec").path("jobTemplate").path("spec").path("template");
                default -> null;
            };
            if (template != null) {
                pods.add(new PodTemplate(where, template.path("metadata"), template.path("spec")));
            }
        }
        return pods;
    }

    /** The violations of the restricted profile, each prefixed with the pod's location; empty when it passes. */
    static List<String> violations(PodTemplate pod) {
        List<String> found = new ArrayList<>();
        JsonNode spec = pod.spec();
        JsonNode podContext = spec.path("securityContext");
        // restricted controls marked "Linux only (v1.25+)" do not apply to pods that declare spec.os.name: windows
        boolean windows = spec.path("os").path("name").asText().equals("windows");
        List<Container> containers = containers(spec);

        // Baseline: HostProcess
        if (podContext.path("windowsOptions").path("hostProcess").asBoolean(false)) {
            found.add("HostProcess: spec.securityContext.windowsOptions.hostProcess = true");
        }
        // Baseline: Host Namespaces
        for (String field : List.of("hostNetwork", "hostPID", "hostIPC")) {
            if (spec.path(field).asBoolean(false)) {
                found.add("Host Namespaces: spec." + field + " = true");
            }
        }
        // Baseline: HostPath Volumes; Restricted: Volume Types
        for (JsonNode volume : spec.path("volumes")) {
            for (Iterator<String> it = volume.fieldNames(); it.hasNext(); ) {
                String source = it.next();
                if (source.equals("name")) {
                    continue;
                }
                if (source.equals("hostPath")) {
                    found.add("HostPath Volumes: spec.volumes[" + volume.path("name").asText() + "].hostPath");
                }
                if (!VOLUME_TYPES.contains(source)) {
                    found.add("Volume Types: spec.volumes[" + volume.path("name").asText() + "]." + source);
                }
            }
        }
        // Baseline: AppArmor (annotation form and field form)
        for (Iterator<Map.Entry<String, JsonNode>> it = pod.metadata().path("annotations").fields(); it.hasNext(); ) {
            var annotation = it.next();
            String value = annotation.getValue().asText();
            if (annotation.getKey().startsWith(APPARMOR_ANNOTATION)
                    && !value.equals("runtime/default") && !value.startsWith("localhost/")) {
                found.add("AppArmor: metadata.annotations[" + annotation.getKey() + "] = " + value);
            }
        }
        appArmor("spec.securityContext", podContext, found);
        // Baseline: SELinux
        seLinux("spec.securityContext", podContext, found);
        // Baseline: Seccomp (no Unconfined anywhere)
        String podSeccomp = podContext.path("seccompProfile").path("type").asText(null);
        if ("Unconfined".equals(podSeccomp)) {
            found.add("Seccomp: spec.securityContext.seccompProfile.type = Unconfined");
        }
        // Baseline: Sysctls
        for (JsonNode sysctl : podContext.path("sysctls")) {
            if (!SAFE_SYSCTLS.contains(sysctl.path("name").asText())) {
                found.add("Sysctls: spec.securityContext.sysctls[" + sysctl.path("name").asText() + "]");
            }
        }
        // Restricted: Running as Non-root user (pod level)
        if (podContext.path("runAsUser").isNumber() && podContext.path("runAsUser").asLong() == 0) {
            found.add("Running as Non-root user: spec.securityContext.runAsUser = 0");
        }
        // Restricted: Running as Non-root: true at pod level, or true on every container; false nowhere
        JsonNode podNonRoot = podContext.path("runAsNonRoot");
        if (podNonRoot.isBoolean() && !podNonRoot.asBoolean()) {
            found.add("Running as Non-root: spec.securityContext.runAsNonRoot = false");
        }
        // Restricted: Seccomp (pod level RuntimeDefault/Localhost, or set on every container)
        boolean podSeccompSet = "RuntimeDefault".equals(podSeccomp) || "Localhost".equals(podSeccomp);

        for (Container c : containers) {
            JsonNode sc = c.node().path("securityContext");
            String at = c.field() + ".securityContext";
            if (sc.path("windowsOptions").path("hostProcess").asBoolean(false)) {
                found.add("HostProcess: " + at + ".windowsOptions.hostProcess = true");
            }
            // Baseline: Privileged Containers
            if (sc.path("privileged").asBoolean(false)) {
                found.add("Privileged Containers: " + at + ".privileged = true");
            }
            // Baseline: Capabilities (add only from the default set)
            for (JsonNode cap : sc.path("capabilities").path("add")) {
                if (!BASELINE_CAPABILITIES.contains(cap.asText())) {
                    found.add("Capabilities (baseline): " + at + ".capabilities.add " + cap.asText());
                }
            }
            // Baseline: Host Ports
            for (JsonNode port : c.node().path("ports")) {
                if (port.path("hostPort").asInt(0) != 0) {
                    found.add("Host Ports: " + c.field() + ".ports[" + port.path("containerPort").asText()
                            + "].hostPort = " + port.path("hostPort").asText());
                }
            }
            // Baseline: Host Probes / Lifecycle Hooks (v1.34): no handler may name a host
            for (String handler : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                hostField(c.field() + "." + handler, c.node().path(handler), found);
            }
            hostField(c.field() + ".lifecycle.postStart", c.node().path("lifecycle").path("postStart"), found);
            hostField(c.field() + ".lifecycle.preStop", c.node().path("lifecycle").path("preStop"), found);
            appArmor(at, sc, found);
            seLinux(at, sc, found);
            // Baseline: /proc Mount Type
            String procMount = sc.path("procMount").asText("Default");
            if (!procMount.equals("Default")) {
                found.add("/proc Mount Type: " + at + ".procMount = " + procMount);
            }
            String seccomp = sc.path("seccompProfile").path("type").asText(null);
            if ("Unconfined".equals(seccomp)) {
                found.add("Seccomp: " + at + ".seccompProfile.type = Unconfined");
            }
            // Restricted: Running as Non-root user
            if (sc.path("runAsUser").isNumber() && sc.path("runAsUser").asLong() == 0) {
                found.add("Running as Non-root user: " + at + ".runAsUser = 0");
            }
            // Restricted: Running as Non-root (the container may leave it unset only when the pod sets true)
            JsonNode nonRoot = sc.path("runAsNonRoot");
            if (nonRoot.isBoolean() ? !nonRoot.asBoolean() : !podNonRoot.asBoolean(false)) {
                found.add("Running as Non-root: " + at + ".runAsNonRoot = " + (nonRoot.isBoolean() ? "false"
                        : "unset and spec.securityContext.runAsNonRoot is not true"));
            }
            if (windows) {
                continue;
            }
            // Restricted: Privilege Escalation (must be false, explicitly)
            if (!sc.path("allowPrivilegeEscalation").isBoolean() || sc.path("allowPrivilegeEscalation").asBoolean()) {
                found.add("Privilege Escalation: " + at + ".allowPrivilegeEscalation = "
                        + sc.path("allowPrivilegeEscalation").asText("unset"));
            }
            // Restricted: Seccomp
            if (seccomp == null ? !podSeccompSet : !seccomp.equals("RuntimeDefault") && !seccomp.equals("Localhost")) {
                found.add("Seccomp (restricted): " + at + ".seccompProfile.type = " + (seccomp != null ? seccomp
                        : "unset and spec.securityContext.seccompProfile is not RuntimeDefault or Localhost"));
            }
            // Restricted: Capabilities (drop ALL; add nothing but NET_BIND_SERVICE)
            boolean dropsAll = false;
            for (JsonNode cap : sc.path("capabilities").path("drop")) {
                dropsAll |= cap.asText().equals("ALL");
            }
            if (!dropsAll) {
                found.add("Capabilities (restricted): " + at + ".capabilities.drop lacks ALL");
            }
            for (JsonNode cap : sc.path("capabilities").path("add")) {
                if (!cap.asText().equals("NET_BIND_SERVICE")) {
                    found.add("Capabilities (restricted): " + at + ".capabilities.add " + cap.asText());
                }
            }
        }
        if (!windows && podSeccomp != null && !podSeccompSet && !"Unconfined".equals(podSeccomp)) {
            found.add("Seccomp (restricted): spec.securityContext.seccompProfile.type = " + podSeccomp);
        }
        return found.stream().map(v -> pod.where() + ": " + v).toList();
    }

    record Container(String field, JsonNode node) {
    }

    /** Containers, init containers and ephemeral containers: every control applies to all three. */
    static List<Container> containers(JsonNode spec) {
        List<Container> all = new ArrayList<>();
        for (String list : List.of("containers", "initContainers", "ephemeralContainers")) {
            for (JsonNode c : spec.path(list)) {
                all.add(new Container("spec." + list + "[" + c.path("name").asText() + "]", c));
            }
        }
        return all;
    }

    private static void appArmor(String at, JsonNode context, List<String> found) {
        String type = context.path("appArmorProfile").path("type").asText(null);
        if (type != null && !type.equals("RuntimeDefault") && !type.equals("Localhost")) {
            found.add("AppArmor: " + at + ".appArmorProfile.type = " + type);
        }
    }

    private static void seLinux(String at, JsonNode context, List<String> found) {
        JsonNode options = context.path("seLinuxOptions");
        if (options.isMissingNode()) {
            return;
        }
        if (!SELINUX_TYPES.contains(options.path("type").asText(""))) {
            found.add("SELinux: " + at + ".seLinuxOptions.type = " + options.path("type").asText());
        }
        for (String field : List.of("user", "role")) {
            if (!options.path(field).asText("").isEmpty()) {
                found.add("SELinux: " + at + ".seLinuxOptions." + field + " = " + options.path(field).asText());
            }
        }
    }

    private static void hostField(String at, JsonNode handler, List<String> found) {
        if (handler instanceof MissingNode) {
            return;
        }
        for (String kind : List.of("httpGet", "tcpSocket")) {
            String host = handler.path(kind).path("host").asText("");
            if (!host.isEmpty()) {
                found.add("Host Probes / Lifecycle Hooks: " + at + "." + kind + ".host = " + host);
            }
        }
    }
}
