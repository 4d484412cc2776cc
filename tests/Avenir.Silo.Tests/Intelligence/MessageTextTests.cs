using Avenir.Silo.Intelligence.Local;

namespace Avenir.Silo.Tests.Intelligence;

public sealed class MessageTextTests
{
    [Fact]
    public void Folding_removes_accents_and_case()
    {
        Assert.Equal("deja vu a l'ecole, coeur", MessageText.Fold("Déjà VU à l’École, Cœur"));
    }

    [Fact]
    public void Words_turn_every_digit_into_zero()
    {
        var words = MessageText.Words(MessageText.Fold("Call 514-555-0199 today"));

        Assert.Equal(["call", "000", "000", "0000", "today"], words);
    }

    [Fact]
    public void Html_tags_are_removed_and_script_bodies_dropped()
    {
        var clean = MessageText.Clean("<p>Hello&nbsp;there</p><script>var stolen = document.cookie;</script><br>Quote &amp; visit?");

        Assert.DoesNotContain("<", clean, StringComparison.Ordinal);
        Assert.DoesNotContain("cookie", clean, StringComparison.Ordinal);
        Assert.Contains("Quote & visit?", clean, StringComparison.Ordinal);
        Assert.Contains("Hello", clean, StringComparison.Ordinal);
    }

    [Fact]
    public void Huge_input_is_capped()
    {
        var clean = MessageText.Clean(new string('a', 50_000));

        Assert.Equal(MessageText.MaxCleanCharacters, clean.Length);
    }

    [Fact]
    public void Truncation_cuts_at_a_word_boundary()
    {
        var cut = MessageText.TruncateAtWord("alpha beta gamma delta", 13);

        Assert.Equal("alpha beta", cut);
    }

    [Fact]
    public void Sentences_are_split_at_terminal_punctuation_and_line_breaks()
    {
        var sentences = SentenceSplitter.Split("Hi! Price is $3.50 per unit. Can you ship?\nThanks");

        Assert.Equal(["Hi!", "Price is $3.50 per unit.", "Can you ship?", "Thanks"], sentences);
    }
}
