using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace TraktTracker.TestSupport.Influx;

/// <summary>
/// A real InfluxDB 1.6.7 (<c>influxd</c> from Debian's <c>influxdb</c> package) in a temp dir, every listener on
/// 127.0.0.1 with an ephemeral port. <see cref="StopAsync"/>/<see cref="StartAsync"/> simulate an
/// outage and come back on the same port with the same data. With <c>authEnabled</c>, an admin user exists and
/// every request needs credentials.
/// </summary>
public partial class InfluxDbServer : IAsyncLifetime
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "fixture-admin-pw";

    private readonly string directory = Path.Combine(Path.GetTempPath(), "trakttracker-influxd-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly HttpClient http = new();
    private readonly StringBuilder log = new();
    private Process? process;
    private int databaseCounter;

    public InfluxDbServer()
        : this(authEnabled: false)
    {
    }

    protected InfluxDbServer(bool authEnabled)
    {
        AuthEnabled = authEnabled;
    }

    public bool AuthEnabled { get; }

    /// <summary>0 until the first start; then fixed, so a restart keeps the URL.</summary>
    public int Port { get; private set; }

    public Uri Url => new($"http://127.0.0.1:{Port}/");

    public bool IsRunning => process is { HasExited: false };

    public async Task InitializeAsync()
    {
        await StartAsync();
        if (AuthEnabled)
        {
            // Allowed without credentials only while no user exists.
            await SendQueryAsync(null, $"CREATE USER {AdminUser} WITH PASSWORD '{AdminPassword}' WITH ALL PRIVILEGES", authenticate: false);
        }
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        http.Dispose();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying process: the temp dir is cleaned by the OS eventually.
        }
    }

    public async Task StartAsync()
    {
        if (IsRunning)
        {
            return;
        }

        var executable = FindInfluxd();
        Directory.CreateDirectory(directory);
        var config = Path.Combine(directory, "influxdb.conf");
        await File.WriteAllTextAsync(config, Config());
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        process = new Process
        {
            StartInfo = new ProcessStartInfo(executable, ["run", "-config", config])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            },
            EnableRaisingEvents = true,
        };
        DataReceivedEventHandler onLine = (_, e) => OnLogLine(e.Data, listening);
        process.OutputDataReceived += onLine;
        process.ErrorDataReceived += onLine;
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"influxd exited during start-up:\n{Log()}"));
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        Port = await listening.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await WaitForPingAsync();
    }

    /// <summary>Stops the server: SIGTERM and a wait for a clean exit (<paramref name="graceful"/>), or SIGKILL, as a crash would.</summary>
    public async Task StopAsync(bool graceful = true)
    {
        if (process is null)
        {
            return;
        }

        if (!process.HasExited)
        {
            if (graceful)
            {
                _ = kill(process.Id, SignalTerminate);
            }
            else
            {
                process.Kill();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }
        }

        process.Dispose();
        process = null;
    }

    /// <summary>Creates a database with a fresh unique name (or the one given) and returns the name.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        name ??= $"test_{Interlocked.Increment(ref databaseCounter)}_{Guid.NewGuid().ToString("N")[..6]}";
        await ExecuteAsync($"CREATE DATABASE \"{name}\"");
        return name;
    }

    /// <summary>Runs statements that return no rows (CREATE, DROP, GRANT…); fails on any statement error.</summary>
    public async Task ExecuteAsync(string influxQl, string? database = null)
        => InfluxRow.Parse(await SendQueryAsync(database, influxQl, authenticate: AuthEnabled));

    /// <summary>Runs a query with <c>epoch=ns</c> and returns every row of every series.</summary>
    public async Task<IReadOnlyList<InfluxRow>> QueryAsync(string database, string influxQl)
        => InfluxRow.Parse(await SendQueryAsync(database, influxQl, authenticate: AuthEnabled));

    /// <summary>Writes line protocol directly (test set-up), nanosecond precision.</summary>
    public async Task WriteLinesAsync(string database, string lines)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Url, $"write?db={Uri.EscapeDataString(database)}&precision=ns"))
        {
            Content = new StringContent(lines, Encoding.UTF8, "text/plain"),
        };
        Authenticate(request);
        using var response = await http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.NoContent)
        {
            throw new InvalidOperationException($"influxd refused the write: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>What influxd logged so far, for failure messages.</summary>
    public string Log()
    {
        lock (log)
        {
            return log.ToString();
        }
    }

    private static string FindInfluxd()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "influxd"))
            .FirstOrDefault(File.Exists);
        return found ?? throw new InvalidOperationException(
            "influxd is not installed, and the InfluxDB tests need a real server: run "
            + "`apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y influxdb influxdb-client` (CI's .ci/run does this).");
    }

    private string Config() => File.ReadAllText(System.IO.Path.Combine(RepoRoot.Path, "tests", "TraktTracker.TestSupport", "Influx", "influxdb.conf"))
        .Replace("{{directory}}", directory, StringComparison.Ordinal)
        .Replace("{{port}}", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{{auth}}", AuthEnabled ? "true" : "false", StringComparison.Ordinal);

    private void OnLogLine(string? line, TaskCompletionSource<int> listening)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }

        if (ListeningOnHttp().Match(line) is { Success: true } match)
        {
            listening.TrySetResult(int.Parse(match.Groups[1].Value));
        }
    }

    private async Task WaitForPingAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(Url, "ping"));
                if (response.StatusCode == HttpStatusCode.NoContent)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new InvalidOperationException($"influxd did not answer /ping with 204:\n{Log()}");
            }

            await Task.Delay(20);
        }
    }

    private async Task<string> SendQueryAsync(string? database, string influxQl, bool authenticate)
    {
        var query = "query?epoch=ns" + (database is null ? "" : "&db=" + Uri.EscapeDataString(database));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Url, query))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["q"] = influxQl }),
        };
        if (authenticate)
        {
            Authenticate(request);
        }

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? body
            : throw new InvalidOperationException($"influxd answered {(int)response.StatusCode} to `{influxQl}`: {body}");
    }

    private void Authenticate(HttpRequestMessage request)
    {
        if (AuthEnabled)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AdminUser}:{AdminPassword}")));
        }
    }

    private const int SignalTerminate = 15;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    [GeneratedRegex(@"msg=""Listening on HTTP"".*addr=127\.0\.0\.1:(\d+)")]
    private static partial Regex ListeningOnHttp();
}
