using Kami.Core.Errors;
using Kami.Core.Tools;

namespace Kami.Core.Tests.Tools;

/// <summary>Issue 9 item 3: served names are unique by construction in both styles, shortened ones included.</summary>
public sealed class ToolNamingTests
{
    private static readonly string Long55 = "dev.kami." + new string('a', 46);

    [Theory]
    [InlineData("dev.kami.echo", "dev_kami_echo")]
    [InlineData("dev.kami.hash-compute", "dev_kami_hash-compute")]
    [InlineData("io.github.some_user.json-query", "io_github_some__user_json-query")]
    [InlineData("a_.b", "a___b")]
    [InlineData("a__b.c", "a____b_c")]
    [InlineData("A.B-", "A_B-")]
    public void NameOf_UnderscoreStyle_IsReversible(string id, string expected)
    {
        var name = ToolNaming.NameOf(ToolId.Parse(id), ToolNameStyle.Underscore);
        Assert.Equal(expected, name);
        Assert.False(ToolNaming.IsShortened(name));
        Assert.Equal(id, ToolNaming.IdOf(name));
        Assert.Equal(id, ToolNaming.NameOf(ToolId.Parse(id), ToolNameStyle.Id));
    }

    public static TheoryData<string> LongIds() => new()
    {
        "dev.kami." + new string('a', 119),
        "dev.kami." + new string('_', 0) + "x" + new string('_', 100),
        "dev.kami." + new string('b', 45) + "_" + new string('c', 20),
        "dev.kami." + new string('b', 44) + ".c" + new string('c', 20),
        "a." + string.Join('.', Enumerable.Repeat("x", 40)),
        "a." + string.Join('.', Enumerable.Repeat("x_", 30)),
        "dev.kami." + new string('a', 45) + "-" + new string('0', 16),
    };

    [Theory]
    [MemberData(nameof(LongIds))]
    public void NameOf_LongId_ShortenedFormFitsAndIsMarked(string id)
    {
        var name = ToolNaming.NameOf(ToolId.Parse(id), ToolNameStyle.Underscore);
        Assert.True(name.Length <= ToolNaming.MaxUnderscoreNameLength, name);
        Assert.Matches("^[A-Za-z0-9_-]{1,64}$", name);
        Assert.True(ToolNaming.IsShortened(name), name);
    }

    // Hostile ids built to make one id's name look like another's: an unshortened name that imitates the shortened
    // form (prefix, '-', hex), one exactly 64 characters long, names ending in the marker with a run of '_' before it.
    public static TheoryData<string, string> AdversarialPairs()
    {
        var victim = ToolId.Parse("dev.kami." + new string('a', 60));
        var victimName = ToolNaming.NameOf(victim, ToolNameStyle.Underscore);
        var hash = victimName[^16..];
        var prefix = victimName[..^18];
        return new TheoryData<string, string>
        {
            // Main's form was prefix + '-' + 8 hex: an id spelling exactly that was a valid, unshortened name.
            { victim.Value, ToolNaming.IdOf(OldUnderscoreName(victim)) },
            { victim.Value, ToolNaming.IdOf(prefix + "-" + hash) },
            { victim.Value, ToolNaming.IdOf(prefix + "__-" + hash) },
            { victim.Value, ToolNaming.IdOf(prefix[..^1] + "-" + hash) },
            { victim.Value, ToolNaming.IdOf(prefix + "-" + hash[..8]) },
            { victim.Value, Long55 + "." + "x" },
            { "dev.kami." + new string('x', 60), "dev.kami." + new string('x', 61) },
            { "dev.kami.a_b", "dev.kami.a.b" },
            { "dev.kami_a.b", "dev.kami.a_b" },
            { "dev.kami.a__b", "dev.kami.a_.b" },
        };
    }

    [Theory]
    [MemberData(nameof(AdversarialPairs))]
    public void NameOf_AdversarialIds_NeverCollide(string first, string second)
    {
        Assert.True(ToolId.TryParse(first, out var a, out var errorA), errorA);
        if (!ToolId.TryParse(second, out var b, out _)) return; // the imitation is not even a valid id: nothing to collide
        Assert.NotEqual(a, b);
        foreach (var style in Enum.GetValues<ToolNameStyle>())
            Assert.NotEqual(ToolNaming.NameOf(a, style), ToolNaming.NameOf(b, style), StringComparer.OrdinalIgnoreCase);
        Assert.Null(ToolNaming.FindCollision(a, [b]));
        Assert.Null(ToolNaming.FindCollision(b, [a]));
    }

    [Fact]
    public void NameOf_ManyGeneratedIds_AllNamesDistinct()
    {
        // Every id over a small alphabet that stresses '_', '.', '-' and the 64-character edge, in both styles.
        var ids = new HashSet<ToolId>();
        string[] parts = ["a", "a_", "a__", "a-", "a_-", "0", "z9"];
        foreach (var x in parts)
        foreach (var y in parts)
        foreach (var z in parts)
        foreach (var pad in new[] { 0, 40, 47, 48, 54, 55, 56, 60 })
        {
            foreach (var text in new[] { $"{x}.{y}{new string('q', pad)}.{z}", $"{x}{y}.{new string('q', pad)}{z}", $"{x}.{y}_{z}{new string('q', pad)}" })
                if (ToolId.TryParse(text, out var id, out _)) ids.Add(id);
        }
        foreach (var style in Enum.GetValues<ToolNameStyle>())
        {
            var names = ids.Select(id => ToolNaming.NameOf(id, style)).ToList();
            Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        }
        Assert.Contains(ids, id => ToolNaming.IsShortened(ToolNaming.NameOf(id, ToolNameStyle.Underscore)));
    }

    [Fact]
    public void IsShortened_UnshortenedNameEndingLikeAHash_IsFalse()
    {
        var name = ToolNaming.NameOf(ToolId.Parse("dev.kami__-0123456789abcdef"), ToolNameStyle.Underscore);
        Assert.False(ToolNaming.IsShortened(name));
    }

    [Fact]
    public void FindCollision_SameIdOtherCase_IsNotACollision()
    {
        Assert.Null(ToolNaming.FindCollision(ToolId.Parse("dev.kami.Echo"), [ToolId.Parse("dev.kami.echo")]));
    }

    [Fact]
    public void FindCollision_NamingThatCollides_NamesInstalledToolAndStyle()
    {
        // With the current naming two ids share a name only if 64 bits of SHA-256 agree; the check itself is proven
        // here with the naming main had, whose shortened form an unshortened name could spell.
        var installed = ToolId.Parse("dev.kami." + new string('a', 60));
        var oldName = OldUnderscoreName(installed);
        var imitation = ToolId.Parse(ToolNaming.IdOf(oldName));
        Assert.NotEqual(installed, imitation);

        var collision = ToolNaming.FindCollision(imitation, [ToolId.Parse("dev.kami.echo"), installed],
            (id, style) => style == ToolNameStyle.Id ? id.Value : OldUnderscoreName(id));

        Assert.NotNull(collision);
        Assert.Equal(installed, collision.Installed);
        Assert.Equal(ToolNameStyle.Underscore, collision.Style);
        var message = collision.ToException().Message;
        Assert.Contains(installed.Value, message, StringComparison.Ordinal);
        Assert.Contains(oldName, message, StringComparison.Ordinal);
        Assert.Null(ToolNaming.FindCollision(imitation, [installed]));
    }

    private static string OldUnderscoreName(ToolId id)
    {
        var name = id.Value.Replace("_", "__", StringComparison.Ordinal).Replace('.', '_');
        if (name.Length <= 64) return name;
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id.Value)))[..8];
        return name[..55] + "-" + hash;
    }

    [Theory]
    [InlineData("id", ToolNameStyle.Id)]
    [InlineData("", ToolNameStyle.Id)]
    [InlineData(" Underscore ", ToolNameStyle.Underscore)]
    public void ParseStyle_KnownValue_Parsed(string text, ToolNameStyle expected) => Assert.Equal(expected, ToolNaming.ParseStyle(text));

    [Fact]
    public void ParseStyle_UnknownValue_SaysWhatIsAllowed()
    {
        var e = Assert.Throws<KamiException>(() => ToolNaming.ParseStyle("dots"));
        Assert.Contains("id, underscore", e.Message, StringComparison.Ordinal);
    }
}
