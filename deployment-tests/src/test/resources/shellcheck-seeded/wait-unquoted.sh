#!/bin/bash
# Seeded for ShellScriptsTest: shellcheck must report this file (unquoted expansions, a cd that may fail,
# a variable read before it is set). Kept out of the scan of the project's scripts.
cd $DATADIR
for attempt in $(seq 1 $WAIT_ATTEMPTS); do
  mysql --host=$PRIMARY_HOST -e 'SELECT 1' && break
  sleep $delay
done
rm -rf $DATADIR/*
