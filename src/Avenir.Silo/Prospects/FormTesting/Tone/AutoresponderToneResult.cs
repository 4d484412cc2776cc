namespace Avenir.Silo.Prospects.FormTesting.Tone;

/// <summary>A tone and how it was decided.</summary>
/// <param name="Tone"><see cref="Grains.Prospects.AutoresponderTones"/>.</param>
/// <param name="Probabilities">The model's probability per tone (a rule's answer has 1 for its tone).</param>
/// <param name="DecidedBy"><c>rule:bounce</c>, <c>rule:empty</c>, <c>rule:template</c> or <c>model</c>.</param>
/// <param name="Cues">The signals read from the answer.</param>
public sealed record AutoresponderToneResult(string Tone, IReadOnlyDictionary<string, double> Probabilities, string DecidedBy, AutoresponderCues Cues);
