// Preloaded into a measured Node process (`node -r`): writes its peak resident set size in bytes to
// UPTAKE_BENCH_RSS_FILE when it exits.
const file = process.env.UPTAKE_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    require('node:fs').writeFileSync(file, String(process.resourceUsage().maxRSS * 1024));
  });
}
