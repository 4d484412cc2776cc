namespace Avenir.Silo.Hosting;

/// <summary>
/// Knows whether this silo has joined the cluster and accepts grain calls: it observes the silo
/// lifecycle and flips at the <c>Active</c> stage (and back when the silo begins to stop).
/// </summary>
public sealed class SiloReadiness : ILifecycleParticipant<ISiloLifecycle>
{
    private volatile bool active;

    public bool IsActive => active;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloReadiness), ServiceLifecycleStage.Active,
            _ =>
            {
                active = true;
                return Task.CompletedTask;
            },
            _ =>
            {
                active = false;
                return Task.CompletedTask;
            });
}
