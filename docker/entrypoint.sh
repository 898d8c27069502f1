#!/bin/sh
# The image's entrypoint: runs trakt-tracker with the container's arguments (none: the service mode).
# In a container every setting may come from the environment, so a missing CONFIG_PATH file is not an error
# here: it is dropped with a note, and config.example.toml is put beside it to start from.
set -eu

app_dir="${APP_DIR:-/app}" # where the image put the published CLI
config_path="${CONFIG_PATH:-/config/config.toml}"
config_dir=$(dirname "$config_path")

if [ -f "$app_dir/config.example.toml" ] && [ -d "$config_dir" ] && [ -w "$config_dir" ] && [ ! -e "$config_dir/config.example.toml" ]; then
    cp "$app_dir/config.example.toml" "$config_dir/config.example.toml"
fi

if [ -n "${CONFIG_PATH:-}" ] && [ ! -f "$CONFIG_PATH" ]; then
    echo "No config file at $CONFIG_PATH: using the environment and defaults (copy $config_dir/config.example.toml to start one)."
    unset CONFIG_PATH
fi

exec dotnet "$app_dir/trakt-tracker.dll" "$@"
