namespace Avenir.Silo.Intelligence.Local;

/// <summary>
/// Multinomial logistic regression over a <see cref="FeatureVector"/>: one weight per class for each
/// dense feature and each vocabulary row, plus a bias. Probabilities are a softmax of the logits
/// divided by a temperature fitted on held-out leads, so they are calibrated.
/// </summary>
internal sealed class SoftmaxClassifier
{
    public SoftmaxClassifier(
        IReadOnlyList<string> labels, int denseSize, int sparseSize, float[] denseWeights, float[] sparseWeights, float[] bias, double temperature)
    {
        if (denseWeights.Length != labels.Count * denseSize || sparseWeights.Length != labels.Count * sparseSize || bias.Length != labels.Count)
        {
            throw new ArgumentException("Weight arrays do not match the label count and feature sizes.");
        }

        Labels = labels;
        DenseSize = denseSize;
        SparseSize = sparseSize;
        DenseWeights = denseWeights;
        SparseWeights = sparseWeights;
        Bias = bias;
        Temperature = temperature;
    }

    public IReadOnlyList<string> Labels { get; }

    public int DenseSize { get; }

    public int SparseSize { get; }

    /// <summary>Class-major: weight of class k for dense feature j is at k * DenseSize + j.</summary>
    public float[] DenseWeights { get; }

    /// <summary>Row-major: weight of class k for vocabulary row r is at r * classCount + k (a lead touches few rows).</summary>
    public float[] SparseWeights { get; }

    public float[] Bias { get; }

    public double Temperature { get; private set; }

    public SoftmaxClassifier WithTemperature(double temperature)
    {
        Temperature = temperature;
        return this;
    }

    public double[] Logits(FeatureVector x)
    {
        var classes = Labels.Count;
        var logits = new double[classes];
        var dense = x.Dense;
        for (var k = 0; k < classes; k++)
        {
            var offset = k * DenseSize;
            double sum = Bias[k];
            for (var j = 0; j < dense.Length; j++)
            {
                sum += DenseWeights[offset + j] * dense[j];
            }

            logits[k] = sum;
        }

        for (var i = 0; i < x.SparseRows.Length; i++)
        {
            var offset = x.SparseRows[i] * classes;
            var value = x.SparseValues[i];
            for (var k = 0; k < classes; k++)
            {
                logits[k] += SparseWeights[offset + k] * value;
            }
        }

        return logits;
    }

    /// <summary>Calibrated class probabilities (they sum to 1).</summary>
    public double[] Probabilities(FeatureVector x) => Softmax(Logits(x), Temperature);

    public static double[] Softmax(double[] logits, double temperature)
    {
        var result = new double[logits.Length];
        var max = double.NegativeInfinity;
        foreach (var logit in logits)
        {
            max = Math.Max(max, logit);
        }

        double sum = 0;
        for (var k = 0; k < logits.Length; k++)
        {
            result[k] = Math.Exp((logits[k] - max) / temperature);
            sum += result[k];
        }

        for (var k = 0; k < logits.Length; k++)
        {
            result[k] /= sum;
        }

        return result;
    }

    /// <summary>Index of the largest value.</summary>
    public static int ArgMax(double[] values)
    {
        var best = 0;
        for (var k = 1; k < values.Length; k++)
        {
            if (values[k] > values[best])
            {
                best = k;
            }
        }

        return best;
    }
}
