namespace Avenir.Grains.Outreach.Tracking;

/// <summary>The current signing key and the older keys that still verify (rotation).</summary>
public sealed class TrackingKeyRing
{
    /// <summary>HMAC-SHA256 keys shorter than its output would weaken it; 32 bytes is the floor.</summary>
    public const int MinimumSecretLength = 32;

    private readonly Dictionary<byte, byte[]> secrets;

    public TrackingKeyRing(byte currentKeyId, IReadOnlyDictionary<byte, byte[]> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        secrets = new Dictionary<byte, byte[]>();
        foreach (var (id, secret) in keys)
        {
            if (secret.Length < MinimumSecretLength)
            {
                throw new ArgumentException($"Tracking key {id} is {secret.Length} bytes; at least {MinimumSecretLength} are required.", nameof(keys));
            }

            secrets[id] = [.. secret];
        }

        if (!secrets.ContainsKey(currentKeyId))
        {
            throw new ArgumentException($"The current tracking key {currentKeyId} is not among the keys.", nameof(currentKeyId));
        }

        CurrentKeyId = currentKeyId;
    }

    public byte CurrentKeyId { get; }

    internal byte[] Current => secrets[CurrentKeyId];

    internal bool TryGet(byte id, out byte[] secret) => secrets.TryGetValue(id, out secret!);

    /// <summary>Builds the ring from <see cref="TrackingTokenOptions"/>; throws naming the setting that is wrong.</summary>
    public static TrackingKeyRing FromOptions(TrackingTokenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Keys.Count == 0)
        {
            throw new InvalidOperationException(
                $"{TrackingTokenOptions.Section}:Keys is empty: configure at least one key (Id, Secret as base64 of ≥ {MinimumSecretLength} bytes).");
        }

        var keys = new Dictionary<byte, byte[]>();
        foreach (var key in options.Keys)
        {
            if (key.Id is < 0 or > byte.MaxValue)
            {
                throw new InvalidOperationException($"{TrackingTokenOptions.Section}:Keys: id {key.Id} is outside 0–255.");
            }

            byte[] secret;
            try
            {
                secret = Convert.FromBase64String(key.Secret);
            }
            catch (FormatException)
            {
                throw new InvalidOperationException($"{TrackingTokenOptions.Section}:Keys: the secret of key {key.Id} is not base64.");
            }

            if (!keys.TryAdd((byte)key.Id, secret))
            {
                throw new InvalidOperationException($"{TrackingTokenOptions.Section}:Keys: key id {key.Id} appears twice.");
            }
        }

        if (options.CurrentKeyId is < 0 or > byte.MaxValue || !keys.ContainsKey((byte)options.CurrentKeyId))
        {
            throw new InvalidOperationException($"{TrackingTokenOptions.Section}:CurrentKeyId {options.CurrentKeyId} names no configured key.");
        }

        return new TrackingKeyRing((byte)options.CurrentKeyId, keys);
    }
}
