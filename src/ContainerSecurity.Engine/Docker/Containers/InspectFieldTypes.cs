using System.Text.Json;

namespace ContainerSecurity.Engine.Docker.Containers;

/// <summary>
/// The JSON type of every inspect field the container rules read. The readers in <see cref="DockerJson"/> take a
/// field of the wrong type as "not set", which for a security field reads as the safe value (<c>"Privileged": "yes"</c>
/// looked unprivileged). A document with such a field is not audited: the container is an error naming the field and
/// the type it must have, and the other containers of the file are still audited.
/// </summary>
internal static class InspectFieldTypes
{
    private enum Kind
    {
        String,
        Boolean,
        Number,
        Object,
        Array,
    }

    // Paths: "." between members, "[]" for every element of an array, "{}" for every value of an object.
    // A missing member or a JSON null is "not set", as daemons of other versions write them; only a present value of
    // another type is an error. Numbers may be written as numeric strings (DockerJson.Long reads both).
    private static readonly (string Path, Kind Kind)[] s_fields =
    [
        ("Id", Kind.String), ("Name", Kind.String), ("Image", Kind.String), ("Path", Kind.String),
        ("Args", Kind.Array), ("Args[]", Kind.String),
        ("AppArmorProfile", Kind.String), ("ProcessLabel", Kind.String),
        ("State", Kind.Object), ("State.Running", Kind.Boolean), ("State.Health", Kind.Object), ("State.Health.Status", Kind.String),
        ("Config", Kind.Object), ("Config.Image", Kind.String),
        ("Config.Labels", Kind.Object), ("Config.Labels{}", Kind.String),
        ("Config.Env", Kind.Array), ("Config.Env[]", Kind.String),
        ("Config.Healthcheck", Kind.Object), ("Config.Healthcheck.Test", Kind.Array), ("Config.Healthcheck.Test[]", Kind.String),
        ("HostConfig", Kind.Object),
        ("HostConfig.Privileged", Kind.Boolean), ("HostConfig.ReadonlyRootfs", Kind.Boolean),
        ("HostConfig.Binds", Kind.Array), ("HostConfig.Binds[]", Kind.String),
        ("HostConfig.CapAdd", Kind.Array), ("HostConfig.CapAdd[]", Kind.String),
        ("HostConfig.CapDrop", Kind.Array), ("HostConfig.CapDrop[]", Kind.String),
        ("HostConfig.SecurityOpt", Kind.Array), ("HostConfig.SecurityOpt[]", Kind.String),
        ("HostConfig.DeviceCgroupRules", Kind.Array), ("HostConfig.DeviceCgroupRules[]", Kind.String),
        ("HostConfig.Devices", Kind.Array), ("HostConfig.Devices[]", Kind.Object),
        ("HostConfig.Devices[].PathOnHost", Kind.String), ("HostConfig.Devices[].PathInContainer", Kind.String), ("HostConfig.Devices[].CgroupPermissions", Kind.String),
        ("HostConfig.NetworkMode", Kind.String), ("HostConfig.PidMode", Kind.String), ("HostConfig.IpcMode", Kind.String),
        ("HostConfig.UTSMode", Kind.String), ("HostConfig.UsernsMode", Kind.String), ("HostConfig.CgroupParent", Kind.String),
        ("HostConfig.Memory", Kind.Number), ("HostConfig.CpuShares", Kind.Number), ("HostConfig.NanoCpus", Kind.Number),
        ("HostConfig.CpuQuota", Kind.Number), ("HostConfig.PidsLimit", Kind.Number),
        ("HostConfig.RestartPolicy", Kind.Object), ("HostConfig.RestartPolicy.Name", Kind.String), ("HostConfig.RestartPolicy.MaximumRetryCount", Kind.Number),
        ("HostConfig.Ulimits", Kind.Array), ("HostConfig.Ulimits[]", Kind.Object),
        ("HostConfig.Ulimits[].Name", Kind.String), ("HostConfig.Ulimits[].Soft", Kind.Number), ("HostConfig.Ulimits[].Hard", Kind.Number),
        ("HostConfig.PortBindings", Kind.Object), ("HostConfig.PortBindings{}", Kind.Array), ("HostConfig.PortBindings{}[]", Kind.Object),
        ("HostConfig.PortBindings{}[].HostIp", Kind.String), ("HostConfig.PortBindings{}[].HostPort", Kind.String),
        ("Mounts", Kind.Array), ("Mounts[]", Kind.Object),
        ("Mounts[].Type", Kind.String), ("Mounts[].Source", Kind.String), ("Mounts[].Destination", Kind.String),
        ("Mounts[].RW", Kind.Boolean), ("Mounts[].Propagation", Kind.String),
        ("NetworkSettings", Kind.Object), ("NetworkSettings.Networks", Kind.Object),
        ("NetworkSettings.Ports", Kind.Object), ("NetworkSettings.Ports{}", Kind.Array), ("NetworkSettings.Ports{}[]", Kind.Object),
        ("NetworkSettings.Ports{}[].HostIp", Kind.String), ("NetworkSettings.Ports{}[].HostPort", Kind.String),
    ];

    /// <summary>Each field that is present with another type: "HostConfig.Privileged must be a boolean, not a string".</summary>
    public static IReadOnlyList<string> Problems(JsonElement document)
    {
        var problems = new List<string>();
        foreach (var (path, kind) in s_fields)
        {
            foreach (var (where, value) in Values(document, path))
            {
                if (!Matches(value, kind))
                {
                    problems.Add($"{where} must be {Describe(kind)}, not {Describe(value.ValueKind)}");
                }
            }
        }

        return problems;
    }

    /// <summary>Every present, non-null value at <paramref name="path"/>, with its concrete location (Mounts[2].RW).</summary>
    private static IEnumerable<(string Where, JsonElement Value)> Values(JsonElement document, string path)
    {
        IEnumerable<(string Where, JsonElement Value)> current = [(string.Empty, document)];
        foreach (var segment in Segments(path))
        {
            current = current.SelectMany(c => Step(c.Where, c.Value, segment)).ToList();
        }

        return current.Where(c => c.Value.ValueKind != JsonValueKind.Null);
    }

    private static IEnumerable<(string Where, JsonElement Value)> Step(string where, JsonElement value, string segment) => segment switch
    {
        // A container of the wrong type is reported by its own entry; its children are not looked for.
        "[]" when value.ValueKind == JsonValueKind.Array => value.EnumerateArray().Select((item, i) => ($"{where}[{i}]", item)),
        "{}" when value.ValueKind == JsonValueKind.Object => value.EnumerateObject().Select(p => ($"{where}.{p.Name}", p.Value)),
        "[]" or "{}" => [],
        _ when value.ValueKind == JsonValueKind.Object && value.TryGetProperty(segment, out var member) => [(where.Length == 0 ? segment : $"{where}.{segment}", member)],
        _ => [],
    };

    private static IEnumerable<string> Segments(string path)
    {
        foreach (var part in path.Split('.'))
        {
            var name = part.Replace("[]", string.Empty, StringComparison.Ordinal).Replace("{}", string.Empty, StringComparison.Ordinal);
            if (name.Length > 0)
            {
                yield return name;
            }

            for (var i = name.Length; i + 1 < part.Length; i += 2)
            {
                yield return part.Substring(i, 2);
            }
        }
    }

    private static bool Matches(JsonElement value, Kind kind) => kind switch
    {
        Kind.String => value.ValueKind == JsonValueKind.String,
        Kind.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        Kind.Number => value.ValueKind == JsonValueKind.Number
            || (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out _)),
        Kind.Object => value.ValueKind == JsonValueKind.Object,
        Kind.Array => value.ValueKind == JsonValueKind.Array,
        _ => false,
    };

    private static string Describe(Kind kind) => kind switch
    {
        Kind.String => "a string",
        Kind.Boolean => "a boolean",
        Kind.Number => "a number",
        Kind.Object => "an object",
        _ => "an array",
    };

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Number => "a number",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
