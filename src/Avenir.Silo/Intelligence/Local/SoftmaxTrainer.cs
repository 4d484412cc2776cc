namespace Avenir.Silo.Intelligence.Local;

/// <summary>Hyper-parameters of <see cref="SoftmaxTrainer"/> for one task.</summary>
internal sealed record SoftmaxTrainingOptions
{
    /// <summary>L2 penalty on all weights except the bias.</summary>
    public double L2 { get; init; } = 1e-3;

    public int Iterations { get; init; } = 300;

    public double LearningRate { get; init; } = 0.05;

    /// <summary>
    /// Multiplies the L2 penalty of the cue-feature weights (the dense features after the embedding).
    /// A strong penalty is the same as down-weighting that block for this task only, so the three
    /// tasks can share one feature vector yet lean on different blocks.
    /// </summary>
    public double CueL2Factor { get; init; } = 1.0;

    /// <summary>Multiplies the L2 penalty of the sentence-embedding weights.</summary>
    public double EmbeddingL2Factor { get; init; } = 1.0;

    /// <summary>Multiplies the L2 penalty of the n-gram and form weights.</summary>
    public double SparseL2Factor { get; init; } = 1.0;

    /// <summary>Multiplies (on top of <see cref="SparseL2Factor"/>) the L2 penalty of the style tokens (case, punctuation, greeting).</summary>
    public double StyleL2Factor { get; init; } = 1.0;

    /// <summary>
    /// Re-weights the authored examples per class so that their label mix matches the annotated dev leads' (label-shift
    /// correction): authored data over-represents some classes (Professional tone), which the model would otherwise learn as a prior.
    /// </summary>
    public bool MatchDevPrior { get; init; }
}

/// <summary>
/// Fits a <see cref="SoftmaxClassifier"/> by full-batch Adam on the L2-regularised cross-entropy.
/// Deterministic (zero start, no sampling), so a training run is reproducible; a few hundred leads
/// train in seconds on one core.
/// </summary>
internal static class SoftmaxTrainer
{
    /// <summary>
    /// Fits the classifier. <paramref name="weights"/> (optional, one per sample) weigh each sample's loss;
    /// <paramref name="densePenalty"/> and <paramref name="sparsePenalty"/> multiply the L2 penalty of each
    /// dense column and each vocabulary row, which is how a task leans more or less on a block of features.
    /// </summary>
    public static SoftmaxClassifier Train(
        IReadOnlyList<FeatureVector> samples,
        IReadOnlyList<int> targets,
        IReadOnlyList<double>? weights,
        IReadOnlyList<string> labels,
        double[] densePenalty,
        double[] sparsePenalty,
        SoftmaxTrainingOptions options,
        CancellationToken cancellationToken = default)
    {
        var classes = labels.Count;
        var denseSize = densePenalty.Length;
        var sparseSize = sparsePenalty.Length;
        var n = samples.Count;
        var totalWeight = weights?.Sum() ?? n;
        var dense = new float[classes * denseSize];
        var sparse = new float[sparseSize * classes];
        var bias = new float[classes];
        var denseAdam = new AdamState(dense.Length);
        var sparseAdam = new AdamState(sparse.Length);
        var biasAdam = new AdamState(classes);
        var denseGradient = new double[dense.Length];
        var sparseGradient = new double[sparse.Length];
        var biasGradient = new double[classes];
        var classifier = new SoftmaxClassifier(labels, denseSize, sparseSize, dense, sparse, bias, 1.0);

        for (var iteration = 1; iteration <= options.Iterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Array.Clear(denseGradient);
            Array.Clear(sparseGradient);
            Array.Clear(biasGradient);
            for (var i = 0; i < n; i++)
            {
                var x = samples[i];
                var share = (weights?[i] ?? 1.0) / totalWeight;
                var p = SoftmaxClassifier.Softmax(classifier.Logits(x), 1.0);
                p[targets[i]] -= 1.0;
                for (var k = 0; k < classes; k++)
                {
                    var error = p[k] * share;
                    p[k] = error;
                    biasGradient[k] += error;
                    var offset = k * denseSize;
                    for (var j = 0; j < x.Dense.Length; j++)
                    {
                        denseGradient[offset + j] += error * x.Dense[j];
                    }
                }

                for (var s = 0; s < x.SparseRows.Length; s++)
                {
                    var offset = x.SparseRows[s] * classes;
                    var value = x.SparseValues[s];
                    for (var k = 0; k < classes; k++)
                    {
                        sparseGradient[offset + k] += p[k] * value;
                    }
                }
            }

            for (var j = 0; j < dense.Length; j++)
            {
                denseGradient[j] += options.L2 * densePenalty[j % denseSize] * dense[j];
            }

            for (var j = 0; j < sparse.Length; j++)
            {
                sparseGradient[j] += options.L2 * sparsePenalty[j / classes] * sparse[j];
            }

            // A slowly decaying step lets the last iterations settle instead of oscillating.
            var rate = options.LearningRate / Math.Sqrt(1.0 + iteration / 50.0);
            denseAdam.Step(dense, denseGradient, rate, iteration);
            sparseAdam.Step(sparse, sparseGradient, rate, iteration);
            biasAdam.Step(bias, biasGradient, rate, iteration);
        }

        return classifier;
    }

    private sealed class AdamState(int size)
    {
        private const double Beta1 = 0.9;
        private const double Beta2 = 0.999;
        private const double Epsilon = 1e-8;
        private readonly double[] _first = new double[size];
        private readonly double[] _second = new double[size];

        public void Step(float[] weights, double[] gradient, double rate, int iteration)
        {
            var correction1 = 1 - Math.Pow(Beta1, iteration);
            var correction2 = 1 - Math.Pow(Beta2, iteration);
            for (var j = 0; j < weights.Length; j++)
            {
                var g = gradient[j];
                if (g == 0 && _first[j] == 0)
                {
                    continue;
                }

                _first[j] = Beta1 * _first[j] + (1 - Beta1) * g;
                _second[j] = Beta2 * _second[j] + (1 - Beta2) * g * g;
                weights[j] -= (float)(rate * (_first[j] / correction1) / (Math.Sqrt(_second[j] / correction2) + Epsilon));
            }
        }
    }
}
