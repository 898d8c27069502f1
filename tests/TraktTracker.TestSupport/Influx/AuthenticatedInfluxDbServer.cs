namespace TraktTracker.TestSupport.Influx;

/// <summary>An <see cref="InfluxDbServer"/> with <c>auth-enabled = true</c> and the admin user <see cref="InfluxDbServer.AdminUser"/>.</summary>
public sealed class AuthenticatedInfluxDbServer : InfluxDbServer
{
    public AuthenticatedInfluxDbServer()
        : base(authEnabled: true)
    {
    }
}
