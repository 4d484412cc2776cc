namespace Avenir.Silo.Email;

/// <summary>
/// The relay certainly did not take the message: no connection, TLS or authentication failed, or it refused the
/// sender, a recipient or the message. A caller that reserved the send may give the reservation back and try again;
/// any other failure (a connection lost during or after the data) leaves it unknown whether the message went out.
/// </summary>
public sealed class EmailNotSentException(string message, Exception innerException) : Exception(message, innerException);
