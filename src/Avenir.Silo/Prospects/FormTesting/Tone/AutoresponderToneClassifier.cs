using Avenir.Grains.Prospects;
using Avenir.Silo.Intelligence.Local;

namespace Avenir.Silo.Prospects.FormTesting.Tone;

/// <summary>
/// Classifies an answer as <c>robotic</c>, <c>human</c>, <c>personalized</c> or <c>none</c>: rules decide where a
/// signal is certain (a delivery failure or an empty message is no answer), the local model
/// (<see cref="AutoresponderToneModel"/>: MiniLM embedding + cues, softmax) decides the rest. The model is trained on
/// first use from the labelled set embedded in the assembly (data/autoresponders), so the silo needs no model file.
/// Thread-safe.
/// </summary>
public sealed class AutoresponderToneClassifier
{
    /// <summary>The embedded labelled set.</summary>
    internal const string TrainingResource = "Avenir.Silo.Prospects.FormTesting.autoresponders.jsonl";

    private readonly Lazy<AutoresponderToneModel> _model;

    internal AutoresponderToneClassifier(
        Func<ISentenceEmbedder> embedder, IReadOnlyList<AutoresponderEmail>? training = null, ToneModelOptions? options = null) =>
        _model = new Lazy<AutoresponderToneModel>(
            () => AutoresponderToneModel.Train(training ?? LabelledSet(), embedder(), options), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The labelled emails shipped with the silo.</summary>
    public static IReadOnlyList<AutoresponderEmail> LabelledSet()
    {
        using var stream = typeof(AutoresponderToneClassifier).Assembly.GetManifestResourceStream(TrainingResource)
                           ?? throw new InvalidOperationException($"Resource {TrainingResource} is missing.");
        using var reader = new StreamReader(stream);
        return AutoresponderEmail.ReadJsonLines(reader, "autoresponders.jsonl");
    }

    /// <summary>The tone of <paramref name="email"/>.</summary>
    public AutoresponderToneResult Classify(AutoresponderEmail email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var cues = AutoresponderCues.Of(email);
        if (RuleTone(email, cues) is { } rule)
        {
            return new AutoresponderToneResult(rule.Tone, AutoresponderTones.All.ToDictionary(t => t, t => t == rule.Tone ? 1.0 : 0.0), rule.Name, cues);
        }

        var probabilities = _model.Value.Probabilities(email);
        var best = SoftmaxClassifier.ArgMax(probabilities);
        return new AutoresponderToneResult(
            AutoresponderToneModel.Labels[best],
            AutoresponderToneModel.Labels.Select((label, i) => (label, i)).ToDictionary(p => p.label, p => Math.Round(probabilities[p.i], 4)),
            "model",
            cues);
    }

    /// <summary>
    /// The certain cases: a delivery failure or a message with no words is no answer; mail sent by software (an
    /// automatic-mail header or a no-reply sender) that reads as a template (a ticket number or two template phrases)
    /// and neither names the inquirer nor touches the question is robotic.
    /// </summary>
    internal static (string Tone, string Name)? RuleTone(AutoresponderEmail email, AutoresponderCues cues)
    {
        if (cues.Bounce && !cues.UsesName)
        {
            return (AutoresponderTones.None, "rule:bounce");
        }

        var subject = (email.Subject ?? string.Empty).Trim().TrimEnd(':');
        if (cues.Length == 0 && (subject.Length == 0 || subject.Equals("Re", StringComparison.OrdinalIgnoreCase)))
        {
            return (AutoresponderTones.None, "rule:empty");
        }

        var sentBySoftware = cues.AutomaticHeader || cues.NoReplySender;
        var template = cues.TicketNumber || cues.TemplatePhraseCount >= 2;
        return sentBySoftware && template && !cues.UsesName && cues.QuestionOverlap < 0.12 && !cues.Marketing
            ? (AutoresponderTones.Robotic, "rule:template")
            : null;
    }
}
