using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using ContainerSecurity.Engine.Catalog;

namespace ContainerSecurity.Completion;

/// <summary>
/// Completes -RuleId with the catalog ids <typeparamref name="TCommand"/> can evaluate (not the whole catalog: a KP id
/// would only make Get-ContainerThreat stop with NoRuleSelected), listed as "Id — Title" with the title as tooltip.
/// </summary>
public sealed class RuleIdCompleter<TCommand> : IArgumentCompleter
    where TCommand : IRuleAudit
{
    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            var matches = CompletionWords.Matcher(wordToComplete);
            return TCommand.AuditRuleIds
                .Distinct(StringComparer.Ordinal)
                .Where(matches)
                .Order(StringComparer.Ordinal)
                .Select(id => RuleCatalog.Default.TryGet(id, out var rule)
                    ? CompletionWords.Result(id, $"{id} — {rule.Title}", rule.Title)
                    : CompletionWords.Result(id, id, null))
                .ToList();
        }
        catch (Exception)
        {
            // A completer that throws prints an error in the middle of the user's typing; completing nothing is the answer.
            return [];
        }
    }
}
