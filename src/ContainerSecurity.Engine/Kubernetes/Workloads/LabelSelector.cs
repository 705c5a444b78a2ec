using ContainerSecurity.Engine.Kubernetes.Sources;

namespace ContainerSecurity.Engine.Kubernetes.Workloads;

/// <summary>Evaluates a Kubernetes label selector (matchLabels and matchExpressions) against labels.</summary>
public static class LabelSelector
{
    /// <summary>Whether <paramref name="selector"/> selects <paramref name="labels"/>; a null selector selects nothing, an empty one everything.</summary>
    public static bool Matches(ManifestNode? selector, IReadOnlyDictionary<string, string> labels)
    {
        if (selector is not ManifestMapping mapping)
        {
            return false;
        }

        if (mapping["matchLabels"] is ManifestMapping matchLabels)
        {
            foreach (var (key, value) in matchLabels.Entries)
            {
                if (!labels.TryGetValue(key, out var actual) || actual != value.Text)
                {
                    return false;
                }
            }
        }

        if (mapping["matchExpressions"] is ManifestSequence expressions)
        {
            foreach (var expression in expressions.Items)
            {
                var key = expression["key"]?.Text ?? string.Empty;
                var values = (expression["values"] as ManifestSequence)?.Items.Select(v => v.Text).ToList() ?? [];
                var has = labels.TryGetValue(key, out var actual);
                var ok = expression["operator"]?.Text switch
                {
                    "In" => has && values.Contains(actual),
                    "NotIn" => !has || !values.Contains(actual),
                    "Exists" => has,
                    "DoesNotExist" => !has,
                    _ => false,
                };
                if (!ok)
                {
                    return false;
                }
            }
        }

        return true;
    }
}
