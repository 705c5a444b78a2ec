using System.Text;

namespace ContainerSecurity.Bench.DaemonAudit;

/// <summary>
/// A Docker host's file system for the benchmark: a daemon.json that sets many options, systemd units with drop-ins,
/// a registry trust store of <c>registries</c> registries (three files each), TLS material, and a docker group.
/// </summary>
internal static class HostTreeGenerator
{
    public static string Generate(int registries)
    {
        var root = Directory.CreateTempSubdirectory("csbench").FullName;
        Write(root, "etc/docker/daemon.json", """
            {
              "icc": false, "log-level": "info", "iptables": true, "live-restore": true, "userland-proxy": false,
              "no-new-privileges": true, "userns-remap": "default", "experimental": false,
              "hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2376"],
              "tlsverify": true, "tlscacert": "/etc/docker/tls/ca.pem", "tlscert": "/etc/docker/tls/cert.pem", "tlskey": "/etc/docker/tls/key.pem",
              "log-driver": "syslog", "log-opts": { "syslog-address": "tcp+tls://logs:6514", "tag": "{{.Name}}" },
              "default-ulimits": { "nofile": { "Name": "nofile", "Soft": 1024, "Hard": 65536 } },
              "authorization-plugins": ["opa-docker-authz"], "registry-mirrors": ["https://mirror.internal"],
              "storage-driver": "overlay2", "storage-opts": ["overlay2.override_kernel_check=true"],
              "dns": ["10.0.0.2", "10.0.0.3"], "labels": ["env=prod", "team=platform"], "max-concurrent-downloads": 6
            }
            """);
        foreach (var unit in new[] { "docker.service", "docker.socket" })
        {
            Write(root, $"lib/systemd/system/{unit}", "[Unit]\nDescription=Docker\n");
            Write(root, $"etc/systemd/system/{unit}.d/override.conf", "[Service]\n");
        }

        foreach (var file in new[] { "ca.pem", "cert.pem", "key.pem" })
        {
            Write(root, $"etc/docker/tls/{file}", "-----BEGIN-----\n");
        }

        for (var i = 0; i < registries; i++)
        {
            foreach (var file in new[] { "ca.crt", "client.cert", "client.key" })
            {
                Write(root, $"etc/docker/certs.d/registry{i}.internal:5000/{file}", "-----BEGIN-----\n");
            }
        }

        var members = string.Join(',', Enumerable.Range(0, 200).Select(i => $"user{i}"));
        Write(root, "etc/group", $"root:x:0:\ndocker:x:999:{members}\n");
        var passwd = new StringBuilder("root:x:0:0::/root:/bin/sh\n");
        for (var i = 0; i < 200; i++)
        {
            passwd.Append(System.Globalization.CultureInfo.InvariantCulture, $"user{i}:x:{1000 + i}:{1000 + i}::/home/user{i}:/bin/sh\n");
        }

        Write(root, "etc/passwd", passwd.ToString());
        Write(root, "etc/environment", "DOCKER_CONTENT_TRUST=1\n");
        return root;
    }

    private static void Write(string root, string path, string content)
    {
        var full = Path.Join(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }
}
