namespace Avenir.Silo.Intelligence.Evaluation;

/// <summary>Accuracy, macro-F1 and a confusion table for one labelled field.</summary>
public static class ClassificationScores
{
    /// <summary>Share of pairs where the prediction equals the gold label; NaN for no pairs.</summary>
    public static double Accuracy(IReadOnlyList<string> gold, IReadOnlyList<string> predicted)
    {
        if (gold.Count == 0)
        {
            return double.NaN;
        }

        return gold.Zip(predicted).Count(pair => pair.First == pair.Second) / (double)gold.Count;
    }

    /// <summary>
    /// Unweighted mean of per-label F1 over the labels that occur in the gold or the predicted
    /// labels (as scikit-learn does); NaN for no pairs.
    /// </summary>
    public static double MacroF1(IReadOnlyList<string> gold, IReadOnlyList<string> predicted)
    {
        if (gold.Count == 0)
        {
            return double.NaN;
        }

        var labels = gold.Concat(predicted).Distinct().ToList();
        return labels.Average(label => F1(gold, predicted, label));
    }

    /// <summary>The same macro-F1 over label indices (fast enough to bootstrap thousands of times).</summary>
    public static double MacroF1(IReadOnlyList<int> gold, IReadOnlyList<int> predicted, int labelCount)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(predicted);
        if (gold.Count == 0)
        {
            return double.NaN;
        }

        var truePositives = new int[labelCount];
        var goldCount = new int[labelCount];
        var predictedCount = new int[labelCount];
        for (var i = 0; i < gold.Count; i++)
        {
            goldCount[gold[i]]++;
            predictedCount[predicted[i]]++;
            truePositives[gold[i]] += gold[i] == predicted[i] ? 1 : 0;
        }

        double sum = 0;
        var labels = 0;
        for (var k = 0; k < labelCount; k++)
        {
            if (goldCount[k] + predictedCount[k] == 0)
            {
                continue;
            }

            labels++;
            sum += 2.0 * truePositives[k] / (goldCount[k] + predictedCount[k]);
        }

        return sum / labels;
    }

    /// <summary>F1 of one label.</summary>
    public static double F1(IReadOnlyList<string> gold, IReadOnlyList<string> predicted, string label)
    {
        var truePositives = 0;
        var falsePositives = 0;
        var falseNegatives = 0;
        for (var i = 0; i < gold.Count; i++)
        {
            var isGold = gold[i] == label;
            var isPredicted = predicted[i] == label;
            truePositives += isGold && isPredicted ? 1 : 0;
            falsePositives += !isGold && isPredicted ? 1 : 0;
            falseNegatives += isGold && !isPredicted ? 1 : 0;
        }

        return truePositives == 0 ? 0 : 2.0 * truePositives / (2.0 * truePositives + falsePositives + falseNegatives);
    }

    /// <summary>A text confusion table: one row per gold label, columns are predictions (abbreviated), with per-label F1.</summary>
    public static string ConfusionTable(IReadOnlyList<string> gold, IReadOnlyList<string> predicted, IReadOnlyList<string> labels)
    {
        var builder = new StringBuilder();
        var width = labels.Max(label => label.Length);
        builder.Append("gold \\ predicted".PadRight(width + 1));
        foreach (var label in labels)
        {
            builder.Append(Abbreviate(label).PadLeft(6));
        }

        builder.AppendLine("     F1");
        foreach (var row in labels)
        {
            builder.Append(row.PadRight(width + 1));
            foreach (var column in labels)
            {
                var count = gold.Zip(predicted).Count(pair => pair.First == row && pair.Second == column);
                builder.Append((count == 0 ? "." : count.ToString(CultureInfo.InvariantCulture)).PadLeft(6));
            }

            builder.Append(F1(gold, predicted, row).ToString("0.00", CultureInfo.InvariantCulture).PadLeft(7));
            builder.AppendLine();
        }

        return builder.ToString();
    }

    private static string Abbreviate(string label) => label.Length <= 5 ? label : label[..5];
}
