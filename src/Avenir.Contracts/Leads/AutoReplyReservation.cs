namespace Avenir.Contracts.Leads;

/// <summary>What <see cref="ILeadGrain.ReserveAutoReplyAsync"/> decided.</summary>
public enum AutoReplyReservationOutcome
{
    /// <summary>The Message-ID is reserved: send now, then mark it sent.</summary>
    Reserved,

    /// <summary>A limit says no: the lead is marked withheld with the reason.</summary>
    Withheld,

    /// <summary>An earlier attempt already decided (sent, skipped, withheld, unconfirmed or an interrupted sending).</summary>
    AlreadyDecided,

    NotFound,
}

/// <summary>The reservation's outcome and the lead's auto-reply state after it.</summary>
[GenerateSerializer, Immutable, Alias("Avenir.Contracts.Leads.AutoReplyReservation")]
public sealed record class AutoReplyReservation(
    [property: Id(0)] AutoReplyReservationOutcome Outcome,
    [property: Id(1)] string? Reason,
    [property: Id(2)] LeadProcessing? State);
