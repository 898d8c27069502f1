using TraktTracker.Config;
using TraktTracker.Trakt;
using Xunit;

namespace TraktTracker.Tests.Trakt;

public sealed class TraktClientOptionsTests
{
    [Fact]
    public void Options_come_from_the_resolved_settings()
    {
        var settings = new TrackerSettings
        {
            TraktClientId = "id-123",
            TraktClientSecret = "secret-456789",
            TraktApiUrl = new Uri("http://127.0.0.1:9/"),
            TraktAuthUrl = new Uri("http://127.0.0.1:10/"),
            TraktMaxRetries = 2,
            TraktRetryAfterMarginSeconds = 0.5,
            TraktMinRequestIntervalSeconds = 1.5,
        };

        var options = TraktClientOptions.From(settings);

        Assert.Equal(
            (settings.TraktApiUrl, settings.TraktAuthUrl, "id-123", "secret-456789", 2, 0.5, 1.5),
            (options.ApiUrl, options.AuthUrl, options.ClientId, options.ClientSecret, options.MaxRetries,
                options.RetryAfterMarginSeconds, options.MinRequestIntervalSeconds));
        Assert.Equal(TraktClientOptions.DefaultUserAgent, options.UserAgent);
        Assert.DoesNotContain("secret-456789", options.ToString());
    }

    [Fact]
    public void A_missing_client_id_is_named()
    {
        var error = Assert.Throws<ConfigurationException>(() => TraktClientOptions.From(new TrackerSettings { TraktClientSecret = "s" }));

        Assert.Equal("TRAKT_CLIENT_ID", error.Setting);
        Assert.StartsWith("Missing required configuration value: TRAKT_CLIENT_ID", error.Message, StringComparison.Ordinal);
    }
}
