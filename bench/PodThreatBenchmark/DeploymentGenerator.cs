using System.Globalization;
using System.Text;

namespace ContainerSecurity.Bench;

/// <summary>
/// Writes N realistic Deployment manifests, the same for the same N: about 2.3 KB each, a mix of hardened pod specs
/// and risky ones (privileged, root, host namespaces, hostPath, literal secrets, latest tags, missing limits …).
/// </summary>
internal static class DeploymentGenerator
{
    private static readonly string[] s_teams = ["payments", "search", "identity", "catalog", "shipping", "ledger", "media", "notify"];
    private static readonly string[] s_images = ["nginx", "envoy", "redis", "postgres", "api", "worker", "gateway", "scheduler"];

    public static string Deployment(int index)
    {
        var random = new Random(index * 7919 + 17);
        var team = s_teams[index % s_teams.Length];
        var image = s_images[random.Next(s_images.Length)];
        var name = $"{team}-{image}-{index.ToString(CultureInfo.InvariantCulture)}";
        var hardened = random.Next(100) < 45;
        var risk = random.Next(8);
        var b = new StringBuilder(2400);
        b.Append(CultureInfo.InvariantCulture, $$"""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{name}}
              namespace: {{team}}
              labels:
                app.kubernetes.io/name: {{image}}
                app.kubernetes.io/instance: {{name}}
                app.kubernetes.io/part-of: {{team}}
                app.kubernetes.io/managed-by: helm
              annotations:
                deployment.kubernetes.io/revision: "{{random.Next(1, 40)}}"
                meta.helm.sh/release-name: {{team}}
            spec:
              replicas: {{(hardened ? 3 : random.Next(1, 3))}}
              revisionHistoryLimit: 5
              selector:
                matchLabels:
                  app.kubernetes.io/instance: {{name}}
              strategy:
                type: RollingUpdate
                rollingUpdate: {maxSurge: 25%, maxUnavailable: 0}
              template:
                metadata:
                  labels:
                    app.kubernetes.io/name: {{image}}
                    app.kubernetes.io/instance: {{name}}
                  annotations:
                    prometheus.io/scrape: "true"
                    prometheus.io/port: "9090"
                spec:
                  serviceAccountName: {{(hardened || risk != 1 ? name : "default")}}

            """);
        if (hardened)
        {
            b.Append("""
                      automountServiceAccountToken: false
                      securityContext:
                        runAsNonRoot: true
                        runAsUser: 10001
                        fsGroup: 10001
                        seccompProfile: {type: RuntimeDefault}

                """);
        }
        else if (risk == 2)
        {
            b.Append("      hostNetwork: true\n      hostPID: true\n");
        }

        b.Append(CultureInfo.InvariantCulture, $$"""
                  containers:
                  - name: {{image}}
                    image: registry.example.com/{{team}}/{{image}}:{{(hardened ? $"2.{random.Next(30)}.{random.Next(10)}@sha256:{Hex(random)}" : risk == 3 ? "latest" : $"1.{random.Next(20)}")}}
                    imagePullPolicy: IfNotPresent
                    args: ["--port=8080", "--metrics-port=9090", "--log-level=info"]
                    ports:
                    - {name: http, containerPort: 8080, protocol: TCP{{(risk == 4 && !hardened ? ", hostPort: 8080" : string.Empty)}} }
                    - {name: metrics, containerPort: 9090, protocol: TCP}
                    env:
                    - {name: APP_ENV, value: production}
                    - {name: LOG_FORMAT, value: json}
                    - name: DB_PASSWORD
                      {{(risk == 5 && !hardened ? "value: Sup3rS3cret-" + random.Next(100000) : "valueFrom: {secretKeyRef: {name: " + name + "-db, key: password}}")}}
                    - name: POD_IP
                      valueFrom: {fieldRef: {fieldPath: status.podIP} }
                    readinessProbe:
                      httpGet: {path: /healthz/ready, port: http}
                      periodSeconds: 10
                    livenessProbe:
                      httpGet: {path: /healthz/live, port: http}
                      initialDelaySeconds: 15
                    resources:
                      requests: {cpu: {{random.Next(50, 500)}}m, memory: {{random.Next(64, 512)}}Mi}

            """);
        if (hardened || risk != 6)
        {
            b.Append(CultureInfo.InvariantCulture, $"          limits: {{cpu: \"{random.Next(1, 4)}\", memory: {random.Next(256, 2048)}Mi, ephemeral-storage: 1Gi}}\n");
        }

        b.Append(hardened
            ? """
                        securityContext:
                          allowPrivilegeEscalation: false
                          readOnlyRootFilesystem: true
                          capabilities: {drop: [ALL]}
                        volumeMounts:
                        - {name: tmp, mountPath: /tmp}
                        - {name: config, mountPath: /etc/app, readOnly: true}

              """
            : risk == 0
                ? """
                            securityContext:
                              privileged: true
                              capabilities: {add: [SYS_ADMIN, NET_ADMIN]}
                            volumeMounts:
                            - {name: tmp, mountPath: /tmp}
                            - {name: config, mountPath: /etc/app, readOnly: true}

                  """
                : """
                            securityContext:
                              runAsUser: 0
                            volumeMounts:
                            - {name: tmp, mountPath: /tmp}
                            - {name: config, mountPath: /etc/app, readOnly: true}

                  """);
        b.Append("""
                  volumes:
                  - name: tmp
                    emptyDir: {sizeLimit: 64Mi}
                  - name: config
                    configMap: {name: app-config, defaultMode: 420}

            """);
        if (risk == 7 && !hardened)
        {
            b.Append("      - name: docker\n        hostPath: {path: /var/run/docker.sock, type: Socket}\n");
        }

        return b.ToString();
    }

    public static void WriteCorpus(string directory, int count, out string singleFile, out string folder)
    {
        singleFile = Path.Join(directory, "deployments.yaml");
        folder = Path.Join(directory, "deployments");
        Directory.CreateDirectory(folder);
        using var all = new StreamWriter(singleFile, append: false, new UTF8Encoding(false));
        for (var i = 0; i < count; i++)
        {
            var text = Deployment(i);
            all.Write("---\n");
            all.Write(text);
            File.WriteAllText(Path.Join(folder, $"deployment-{i:D5}.yaml"), text);
        }
    }

    private static string Hex(Random random)
    {
        Span<byte> bytes = stackalloc byte[32];
        random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
