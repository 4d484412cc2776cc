using Avenir.Silo.Intelligence.Evaluation;
using Avenir.Silo.Intelligence.Local;

namespace Avenir.Silo.Intelligence.Training;

/// <summary>A labelled lead with everything that does not depend on the vocabulary computed once.</summary>
/// <param name="IsDev">True for an annotated real lead (the dev file), false for an authored example (never scored).</param>
internal sealed record TrainingExample(
    LabelledLead Lead,
    PreparedLead Prepared,
    IReadOnlyDictionary<int, float> SparseBuckets,
    float[] Cues,
    float[] Embedding,
    int Intent,
    int Urgency,
    int Tone,
    string DetectedLanguage,
    bool IsDev)
{
    public bool IsFrench => Lead.Language == "fr";
}
