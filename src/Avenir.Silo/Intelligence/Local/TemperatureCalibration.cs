namespace Avenir.Silo.Intelligence.Local;

/// <summary>
/// Temperature scaling: the one number that divides the logits so that, on leads the model did not
/// train on, predicted probabilities match observed accuracy (minimum negative log-likelihood).
/// </summary>
internal static class TemperatureCalibration
{
    public static double Fit(IReadOnlyList<double[]> heldOutLogits, IReadOnlyList<int> targets)
    {
        if (heldOutLogits.Count == 0)
        {
            return 1.0;
        }

        var best = 1.0;
        var bestLoss = double.PositiveInfinity;
        for (var t = 0.05; t <= 5.0; t += 0.025)
        {
            var loss = NegativeLogLikelihood(heldOutLogits, targets, t);
            if (loss < bestLoss)
            {
                bestLoss = loss;
                best = t;
            }
        }

        return Math.Round(best, 3);
    }

    public static double NegativeLogLikelihood(IReadOnlyList<double[]> logits, IReadOnlyList<int> targets, double temperature)
    {
        double loss = 0;
        for (var i = 0; i < logits.Count; i++)
        {
            var p = SoftmaxClassifier.Softmax(logits[i], temperature);
            loss -= Math.Log(Math.Max(p[targets[i]], 1e-12));
        }

        return loss / logits.Count;
    }

    /// <summary>Expected calibration error over 10 equal-width confidence bins.</summary>
    public static double ExpectedCalibrationError(IReadOnlyList<double[]> probabilities, IReadOnlyList<int> targets)
    {
        var count = new int[10];
        var confidence = new double[10];
        var correct = new double[10];
        for (var i = 0; i < probabilities.Count; i++)
        {
            var top = SoftmaxClassifier.ArgMax(probabilities[i]);
            var p = probabilities[i][top];
            var bin = Math.Min(9, (int)(p * 10));
            count[bin]++;
            confidence[bin] += p;
            correct[bin] += top == targets[i] ? 1 : 0;
        }

        double error = 0;
        for (var b = 0; b < 10; b++)
        {
            if (count[b] > 0)
            {
                error += Math.Abs(confidence[b] - correct[b]) * 1.0 / probabilities.Count;
            }
        }

        return error;
    }
}
