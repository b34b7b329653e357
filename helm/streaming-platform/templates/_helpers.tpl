{{/* Names and labels shared by every object of the chart. */}}

{{- define "sp.name" -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}

{{- define "sp.labels" -}}
app.kubernetes.io/part-of: streaming-platform
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/instance: {{ .Release.Name }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* Selectors only (matchLabels, Service selector); metadata labels use sp.labels plus sp.component. */}}
{{- define "sp.selector" -}}
app.kubernetes.io/name: {{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "sp.component" -}}
app.kubernetes.io/name: {{ .component }}
{{- end -}}

{{- define "sp.image" -}}
{{ .root.Values.image.registry }}/{{ .component }}:{{ .root.Values.image.tag | default .root.Chart.AppVersion }}
{{- end -}}

{{/* image.pullPolicy, or when empty: Always for a tag that moves, which a node that has it cached would otherwise
keep running: the default (appVersion, which images.yml pushes again on every push to main), `main`, `latest` or any
-SNAPSHOT; else (a commit sha, a version given as image.tag) IfNotPresent. Argument: the root context. */}}
{{- define "sp.imagePullPolicy" -}}
{{- $tag := .Values.image.tag -}}
{{- if .Values.image.pullPolicy -}}
{{ .Values.image.pullPolicy }}
{{- else if or (not $tag) (hasSuffix "-SNAPSHOT" $tag) (has $tag (list "main" "latest")) -}}
Always
{{- else -}}
IfNotPresent
{{- end -}}
{{- end -}}

{{/* The pull secrets of every pod (values imagePullSecrets); renders nothing when there are none. */}}
{{- define "sp.imagePullSecrets" -}}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{- define "sp.dbSecret" -}}
{{- .Values.secrets.existingDbSecret | default (printf "%s-db" (include "sp.name" .)) -}}
{{- end -}}
{{- define "sp.jwtSecret" -}}
{{- .Values.secrets.existingJwtSecret | default (printf "%s-jwt" (include "sp.name" .)) -}}
{{- end -}}
{{- define "sp.internalSecret" -}}
{{- .Values.secrets.existingInternalSecret | default (printf "%s-internal" (include "sp.name" .)) -}}
{{- end -}}

{{- define "sp.primaryHost" -}}
{{- if .Values.database.inCluster -}}{{ include "sp.name" . }}-mysql-primary-0.{{ include "sp.name" . }}-mysql-primary{{- else -}}{{ required "database.external.primaryHost is required when database.inCluster is false" .Values.database.external.primaryHost }}{{- end -}}
{{- end -}}
{{- define "sp.replicaHost" -}}
{{- if .Values.database.inCluster -}}{{ include "sp.name" . }}-mysql-read{{- else -}}{{ .Values.database.external.replicaHost | default .Values.database.external.primaryHost }}{{- end -}}
{{- end -}}
{{- define "sp.dbPort" -}}
{{- if .Values.database.inCluster -}}3306{{- else -}}{{ .Values.database.external.port }}{{- end -}}
{{- end -}}
{{/*
Parameters of every JDBC URL (services, batch). TLS: database.tls.mode is Connector/J's sslMode; the RSA public key of
caching_sha2_password is fetched only when the connection may be unencrypted (with TLS the password travels inside it).
*/}}
{{- define "sp.jdbcParams" -}}
{{- $tls := .Values.database.tls -}}
sslMode={{ $tls.mode }}
{{- if has $tls.mode (list "DISABLED" "PREFERRED") }}&allowPublicKeyRetrieval=true{{ end }}
{{- with $tls.trustStore.secretName }}&trustCertificateKeyStoreUrl=file:/var/run/secrets/db-tls/{{ $tls.trustStore.key }}&trustCertificateKeyStoreType=PKCS12
{{- with $tls.trustStore.password }}&trustCertificateKeyStorePassword={{ . | urlquery }}{{ end }}
{{- end -}}
&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true
{{- end -}}
{{/* The database's trust store (database.tls.trustStore) for the pods that open JDBC connections; nothing without one. */}}
{{- define "sp.dbTlsMount" -}}
{{- if .Values.database.tls.trustStore.secretName -}}
- name: db-tls
  mountPath: /var/run/secrets/db-tls
  readOnly: true
{{- end }}
{{- end -}}
{{- define "sp.dbTlsVolume" -}}
{{- with .Values.database.tls.trustStore.secretName -}}
- name: db-tls
  secret:
    secretName: {{ . }}
{{- end }}
{{- end -}}

{{/*
Pod Security Standards "restricted" (docs/deploy.md "Security"): every pod of the chart runs as the images' non-root
user 185 with the runtime's default seccomp profile; every container (init containers too) drops all capabilities,
cannot gain privileges and gets a read-only root filesystem, with /tmp an emptyDir (the JVM and Vert.x write there).
*/}}
{{- define "sp.podSecurityContext" -}}
securityContext:
  runAsNonRoot: true
  runAsUser: 185
  seccompProfile:
    type: RuntimeDefault
{{- end -}}
{{- define "sp.containerSecurityContext" -}}
securityContext:
  allowPrivilegeEscalation: false
  readOnlyRootFilesystem: true
  runAsNonRoot: true
  capabilities:
    drop: ["ALL"]
{{- end -}}
{{- define "sp.tmpMount" -}}
- name: tmp
  mountPath: /tmp
{{- end -}}
{{- define "sp.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: 256Mi
{{- end -}}

{{/* The ConfigMap <release>-config's data: non-secret settings every pod reads (envFrom). */}}
{{- define "sp.configData" -}}
PLATFORM_ZONE: {{ .Values.platform.zone | quote }}
JWT_ISSUER: "https://streaming-platform/user-service"
JWT_AUDIENCE: "streaming-platform"
JWT_CLOCK_SKEW_SECONDS: "5"
JWT_PRIVATE_KEY: /var/run/secrets/jwt/private-key.pem
JWT_PUBLIC_KEY: /var/run/secrets/jwt/public-key.pem
DB_USERNAME: {{ .Values.database.username | quote }}
REPLICA_DB_USERNAME: {{ .Values.database.username | quote }}
USER_SERVICE_URL: "http://{{ include "sp.name" . }}-user-service:{{ .Values.userService.port }}"
ACCESS_TOKEN_TTL: {{ .Values.userService.accessTokenTtl | quote }}
REFRESH_TOKEN_TTL: {{ .Values.userService.refreshTokenTtl | quote }}
REVOCATION_POLL_INTERVAL: {{ .Values.streamingService.revocationPollInterval | quote }}
SETTLEMENT_PARTITIONS: {{ .Values.batch.partitions | quote }}
# user-service: the login limits key on the client address; behind the Ingress that is X-Forwarded-For, believed
# only from these proxies (the Ingress controller's pods)
HTTP_PROXY_FORWARDING: {{ .Values.ingress.enabled | quote }}
HTTP_TRUSTED_PROXIES: {{ .Values.userService.trustedProxies | quote }}
{{- end -}}

{{/*
extraEnv (a map NAME: value) as env entries, sorted by name, after the chart's own. A name the chart sets itself,
in the container's env (chartEnv: the names) or in the ConfigMap, is refused: its chart value is the one to set.
Parameters: root, extraEnv, chartEnv, where (the values key, for the message).
*/}}
{{- define "sp.extraEnv" -}}
{{- $taken := concat .chartEnv (keys (fromYaml (include "sp.configData" .root))) -}}
{{- range $name := keys (.extraEnv | default dict) | sortAlpha }}
{{- if has $name $taken }}
{{- fail (printf "%s.extraEnv.%s: the chart sets %s itself; set it through the chart's own value (docs/deploy.md \"Extra environment variables\")" $.where $name $name) }}
{{- end }}
{{- $value := index $.extraEnv $name }}
{{- /* a values file's numbers arrive as float64: 1000000 would render as 1e+06, which no service reads */}}
{{- if and (kindIs "float64" $value) (eq $value (float64 (int64 $value))) }}{{ $value = int64 $value }}{{ end }}
- name: {{ $name }}
  value: {{ $value | toString | quote }}
{{- end }}
{{- end -}}

{{/* The environment of a service's containers: the service itself and its migration init container alike. */}}
{{- define "sp.serviceEnv" -}}
- name: QUARKUS_HTTP_PORT
  value: "{{ .values.port }}"
# the init container (args migrate) owns the schema: the service never migrates at start
- name: PLATFORM_MIGRATE_AT_START
  value: "false"
# after SIGTERM, in-flight requests get this long to finish; new ones are refused with 503
- name: QUARKUS_SHUTDOWN_TIMEOUT
  value: "{{ .root.Values.shutdown.timeoutSeconds }}s"
- name: JAVA_OPTS_APPEND
  value: "-XX:MaxRAMPercentage={{ .values.maxRamPercentage }} -XX:+ExitOnOutOfMemoryError"
{{ toYaml .env }}
{{- $chartEnv := list "QUARKUS_HTTP_PORT" "PLATFORM_MIGRATE_AT_START" "QUARKUS_SHUTDOWN_TIMEOUT" "JAVA_OPTS_APPEND" }}
{{- range .env }}{{ $chartEnv = append $chartEnv .name }}{{ end }}
{{- include "sp.extraEnv" (dict "root" .root "extraEnv" .values.extraEnv "chartEnv" $chartEnv "where" .valuesKey) }}
{{- end -}}

{{/* The volume mounts of a service's containers (the service and its migration init container). */}}
{{- define "sp.serviceMounts" -}}
- name: jwt
  mountPath: /var/run/secrets/jwt
  readOnly: true
{{ include "sp.tmpMount" .root }}
{{- with include "sp.dbTlsMount" .root }}
{{ . }}
{{- end }}
{{- end -}}

{{/*
A service: Deployment, Service, PodDisruptionBudget, HorizontalPodAutoscaler.
Parameters: root, component, values (the component's values), env (list of env entries), configMap.
*/}}
{{- define "sp.service" -}}
{{- $name := printf "%s-%s" (include "sp.name" .root) .component -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $name }}
  labels:
    {{- include "sp.labels" .root | nindent 4 }}
    {{- include "sp.component" . | nindent 4 }}
spec:
  {{- if not .values.autoscaling.enabled }}
  replicas: {{ .values.replicas }}
  {{- end }}{{/* with an HPA, it alone sets the replica count: a rendered count would reset it on every upgrade */}}
  revisionHistoryLimit: 5
  strategy:
    type: RollingUpdate
    rollingUpdate: {maxSurge: 1, maxUnavailable: 0}
  selector:
    matchLabels:
      {{- include "sp.selector" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "sp.labels" .root | nindent 8 }}
        {{- include "sp.component" . | nindent 8 }}
      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/path: /q/metrics
        prometheus.io/port: "{{ .values.port }}"
        checksum/config: {{ .configChecksum }}
    spec:
      {{- /* the kubelet kills the pod this long after it is marked terminating: the preStop sleep, then Quarkus'
      graceful shutdown, then a margin for the JVM to exit (docs/deploy.md "Graceful shutdown") */}}
      terminationGracePeriodSeconds: {{ add .root.Values.shutdown.preStopSleepSeconds .root.Values.shutdown.timeoutSeconds 10 }}
      # the services talk to MySQL and to each other, never to the Kubernetes API
      automountServiceAccountToken: false
      {{- with .root.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- include "sp.podSecurityContext" .root | nindent 6 }}
      initContainers:
        {{- /* the schema migrations, before the service starts (the image's one-shot mode, args migrate): an init
        container is not subject to the startup probe, so a long migration runs to its end, and Flyway's lock
        (GET_LOCK) serializes pods that start together. Same image, environment, mounts, security context and
        resources as the service (docs/deploy.md "Migrations") */}}
        - name: migrate
          image: {{ include "sp.image" . }}
          imagePullPolicy: {{ include "sp.imagePullPolicy" .root }}
          args: ["migrate"]
          {{- include "sp.containerSecurityContext" .root | nindent 10 }}
          env:
            {{- include "sp.serviceEnv" . | nindent 12 }}
          envFrom:
            - configMapRef:
                name: {{ include "sp.name" .root }}-config
          resources:
            {{- toYaml .values.resources | nindent 12 }}
          volumeMounts:
            {{- include "sp.serviceMounts" . | nindent 12 }}
      containers:
        - name: {{ .component }}
          image: {{ include "sp.image" . }}
          imagePullPolicy: {{ include "sp.imagePullPolicy" .root }}
          ports:
            - name: http
              containerPort: {{ .values.port }}
              protocol: TCP
          {{- include "sp.containerSecurityContext" .root | nindent 10 }}
          env:
            {{- include "sp.serviceEnv" . | nindent 12 }}
          envFrom:
            - configMapRef:
                name: {{ include "sp.name" .root }}-config
          startupProbe:
            httpGet: {path: /q/health/started, port: http}
            periodSeconds: 2
            failureThreshold: 60
          livenessProbe:
            httpGet: {path: /q/health/live, port: http}
            periodSeconds: 10
            failureThreshold: 3
          readinessProbe:
            httpGet: {path: /q/health/ready, port: http}
            periodSeconds: 5
            failureThreshold: 2
          lifecycle:
            # keep serving while the endpoint removal reaches kube-proxy and the Ingress controller; SIGTERM follows.
            # An exec sleep (the image's /usr/bin/sleep), not the sleep action, which needs Kubernetes 1.30.
            preStop:
              exec:
                command: ["sleep", "{{ .root.Values.shutdown.preStopSleepSeconds }}"]
          resources:
            {{- toYaml .values.resources | nindent 12 }}
          volumeMounts:
            {{- include "sp.serviceMounts" . | nindent 12 }}
      volumes:
        {{- include "sp.tmpVolume" .root | nindent 8 }}
        {{- with include "sp.dbTlsVolume" .root }}{{ . | nindent 8 }}{{ end }}
        - name: jwt
          secret:
            secretName: {{ include "sp.jwtSecret" .root }}
            {{- if .publicKeyOnly }}
            items:
              - key: public-key.pem
                path: public-key.pem
            {{- end }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ $name }}
  labels:
    {{- include "sp.labels" .root | nindent 4 }}
    {{- include "sp.component" . | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "sp.selector" . | nindent 4 }}
  ports:
    - name: http
      port: {{ .values.port }}
      targetPort: http
      protocol: TCP
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ $name }}
  labels:
    {{- include "sp.labels" .root | nindent 4 }}
spec:
  # never minAvailable: with one replica (the e2e install, or an HPA at its floor of 1) it would block every drain
  maxUnavailable: 1
  selector:
    matchLabels:
      {{- include "sp.selector" . | nindent 6 }}
{{- if .values.autoscaling.enabled }}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ $name }}
  labels:
    {{- include "sp.labels" .root | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ $name }}
  minReplicas: {{ .values.autoscaling.minReplicas }}
  maxReplicas: {{ .values.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ .values.autoscaling.targetCPUUtilizationPercentage }}
{{- end }}
{{- end -}}
