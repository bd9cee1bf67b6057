using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Parsing;

namespace Kami.Cli.CommandLine;

/// <summary>Reads a value's text as the domain does; false when the text names no value.</summary>
internal delegate bool TextParser<T>(string text, out T value);

/// <summary>
/// Checks made while the command line is parsed: a bad value is a parse error, reported with any others before a
/// command runs (exit 1, <see cref="CommandRunner.ReportParseErrors"/>), and <c>--help</c> shows a closed set of
/// values as <c>&lt;a|b|c&gt;</c>. Each check asks the domain's own parser, so what is accepted has one owner.
/// <para>
/// Not <c>AcceptOnlyFromAmong</c>: its message ("Argument 'rw' not recognized. Must be one of:", then one value a
/// line) does not name the option, and it compares text only, where some names are read in any case. These do what
/// it does (the values as completions, which help shows; a validator) with KAMI's message: the option, the value, the
/// names. Nor <c>AcceptExistingOnly</c>, which wants a <see cref="FileInfo"/> and says "File does not exist: 'x'.".
/// </para>
/// </summary>
internal static class ParseRules
{
    /// <summary>The option's value read by <paramref name="parse"/>, one of <paramref name="names"/>.</summary>
    public static Option<T?> OneOf<T>(this Option<T?> option, IReadOnlyList<string> names, TextParser<T> parse) where T : struct
    {
        ShowChoices(option.CompletionSources, names);
        option.CustomParser = result =>
        {
            var text = result.Tokens[^1].Value;
            if (parse(text, out var value)) return value;
            result.AddError(NotOneOf(option.Name, text, names));
            return null;
        };
        return option;
    }

    /// <summary>The option's text, accepted only when <paramref name="accepts"/> it (one of <paramref name="names"/>).</summary>
    public static Option<string> OneOf(this Option<string> option, IReadOnlyCollection<string> names, Func<string, bool> accepts)
    {
        ShowChoices(option.CompletionSources, names);
        return option.Accept(accepts, text => NotOneOf(option.Name, text, names));
    }

    /// <summary>The argument's text, accepted only when <paramref name="accepts"/> it (one of <paramref name="names"/>).</summary>
    public static Argument<string> OneOf(this Argument<string> argument, IReadOnlyCollection<string> names, Func<string, bool> accepts, Func<string, string> error)
    {
        ShowChoices(argument.CompletionSources, names);
        return argument.Accept(accepts, error);
    }

    /// <summary>Every value given must be one <paramref name="accepts"/>; <paramref name="error"/> says what is wrong with one that is not.</summary>
    public static Option<T> Accept<T>(this Option<T> option, Func<string, bool> accepts, Func<string, string> error)
    {
        option.Validators.Add(result => Check(result, accepts, error));
        return option;
    }

    /// <inheritdoc cref="Accept{T}(Option{T}, Func{string, bool}, Func{string, string})"/>
    public static Argument<T> Accept<T>(this Argument<T> argument, Func<string, bool> accepts, Func<string, string> error)
    {
        argument.Validators.Add(result => Check(result, accepts, error));
        return argument;
    }

    private static void Check(SymbolResult result, Func<string, bool> accepts, Func<string, string> error)
    {
        foreach (var token in result.Tokens)
            if (!accepts(token.Value)) result.AddError(error(token.Value));
    }

    private static string NotOneOf(string option, string value, IReadOnlyCollection<string> names) =>
        $"{option} {value} is not one of {string.Join(", ", names)}";

    private static void ShowChoices(List<Func<CompletionContext, IEnumerable<CompletionItem>>> sources, IReadOnlyCollection<string> names)
    {
        // An enum's own names would be offered too otherwise (the C# names, not the ones KAMI reads).
        sources.Clear();
        sources.Add(names.ToArray());
    }
}
