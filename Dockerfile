# trakt-tracker in service mode: backfill once, then sync on SYNC_CRON and reconcile on RECONCILE_CRON.
#   docker build -t trakt-tracker .       (or: docker compose up -d; see README "Container")
# State lives in the /data volume, an optional config.toml in /config. Runs as the non-root user "app".

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# nuget.config is left out on purpose: its second source is a folder of the development machines.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/TraktTracker.Core/TraktTracker.Core.csproj src/TraktTracker.Core/
COPY src/TraktTracker.Cli/TraktTracker.Cli.csproj src/TraktTracker.Cli/
RUN dotnet restore src/TraktTracker.Cli/TraktTracker.Cli.csproj
COPY src/TraktTracker.Core/ src/TraktTracker.Core/
COPY src/TraktTracker.Cli/ src/TraktTracker.Cli/
RUN dotnet publish src/TraktTracker.Cli/TraktTracker.Cli.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/runtime:10.0
ENV CONFIG_PATH=/config/config.toml \
    STATE_DB_PATH=/data/state.db
WORKDIR /app
COPY --from=build /app ./
COPY config.example.toml ./
COPY docker/entrypoint.sh /usr/local/bin/docker-entrypoint.sh
RUN chmod 0755 /usr/local/bin/docker-entrypoint.sh \
    && mkdir -p /data /config \
    && chown "$APP_UID" /data /config
USER $APP_UID
VOLUME ["/data", "/config"]
ENTRYPOINT ["docker-entrypoint.sh"]
