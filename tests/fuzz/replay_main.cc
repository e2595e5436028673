// A driver for the fuzz targets that needs no libFuzzer, so that every
// compiler and every CI run exercises them (ctest label `fuzz`): runs
// LLVMFuzzerTestOneInput on every seed file, then on inputs made by mutating
// the seeds (bit flips, bytes the parsers treat specially, insertions,
// deletions, duplicated and spliced ranges) with a fixed-seed generator, so
// a failure reproduces. A crash, an abort from a target's own checks, or a
// sanitizer report fails the test; the failing input is written to
// `fuzz-failure.bin` in the working directory first.
//
// Usage: <target>_replay [--runs N] [--seconds T] [--seed S] SEED_DIR_OR_FILE...
// Runs at least N mutated inputs, and goes on until T seconds have passed
// (the count run is printed: `--runs` with it replays the same inputs).
// With clang, -DCTXSCAN_FUZZ=ON builds the same targets against libFuzzer
// for open-ended fuzzing.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

constexpr std::size_t kMaxInput = 8192;

// Bytes and words the parsers give meaning to.
constexpr std::string_view kTokens[] = {"\n",
                                        "\r\n",
                                        "\\",
                                        "`",
                                        "*",
                                        "**",
                                        "?",
                                        "[",
                                        "]",
                                        "!",
                                        "/",
                                        "#",
                                        "$",
                                        "${",
                                        "}",
                                        ":-",
                                        "\"",
                                        "'",
                                        "<<",
                                        "<<-",
                                        "EOF",
                                        "=",
                                        ":",
                                        "- ",
                                        "&a",
                                        "*a",
                                        "<<: ",
                                        "{",
                                        "[^",
                                        "\\\\",
                                        "\xef\xbb\xbf",
                                        "\0",
                                        "\xff",
                                        " ",
                                        "\t",
                                        "FROM ",
                                        "AS ",
                                        "COPY ",
                                        "--from=",
                                        "ARG ",
                                        "ENV ",
                                        "RUN "};

void Run(const std::string& input) {
  // Written before the call: if the target crashes, the input is on disk.
  std::ofstream("fuzz-failure.bin", std::ios::binary | std::ios::trunc) << input;
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
}

std::string Mutate(const std::vector<std::string>& seeds, std::mt19937_64* rng) {
  auto pick = [&](std::size_t n) {
    return n == 0 ? 0 : std::uniform_int_distribution<std::size_t>(0, n - 1)(*rng);
  };
  std::string s = seeds[pick(seeds.size())];
  const std::size_t steps = 1 + pick(8);
  for (std::size_t k = 0; k < steps; ++k) {
    const std::size_t at = pick(s.size() + 1);
    switch (pick(6)) {
      case 0:
        if (!s.empty()) s[pick(s.size())] ^= static_cast<char>(1u << pick(8));
        break;
      case 1: {
        const std::string_view t = kTokens[pick(std::size(kTokens))];
        s.insert(at, t.data(), t.size());
        break;
      }
      case 2:
        s.insert(at, 1, static_cast<char>(pick(256)));
        break;
      case 3:
        s.erase(at, pick(16));
        break;
      case 4:
        if (at < s.size()) s.insert(at, s.substr(at, pick(64)));
        break;
      default: {
        const std::string& other = seeds[pick(seeds.size())];
        const std::size_t from = pick(other.size() + 1);
        s = s.substr(0, at) + other.substr(from, pick(256));
        break;
      }
    }
    if (s.size() > kMaxInput) s.resize(kMaxInput);
  }
  return s;
}

void AddSeeds(const std::filesystem::path& p, std::vector<std::string>* seeds) {
  if (std::filesystem::is_directory(p)) {
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(p)) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) AddSeeds(f, seeds);
    return;
  }
  std::ifstream in(p, std::ios::binary);
  seeds->emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t runs = 20000;
  double seconds = 0;
  std::uint64_t seed = 1;
  std::vector<std::string> seeds;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--runs") == 0 && i + 1 < argc) {
      runs = std::strtoull(argv[++i], nullptr, 10);
    } else if (std::strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) {
      seconds = std::strtod(argv[++i], nullptr);
    } else if (std::strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
      seed = std::strtoull(argv[++i], nullptr, 10);
    } else {
      AddSeeds(argv[i], &seeds);
    }
  }
  if (seeds.empty()) {
    std::fprintf(stderr, "no seed inputs given\n");
    return 2;
  }
  for (const std::string& s : seeds) Run(s);
  Run("");
  std::mt19937_64 rng(seed);
  const auto began = std::chrono::steady_clock::now();
  auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  };
  std::uint64_t done = 0;
  while (done < runs || elapsed() < seconds) {
    Run(Mutate(seeds, &rng));
    ++done;
  }
  std::remove("fuzz-failure.bin");
  std::printf("%zu seeds and %llu mutated inputs (seed %llu) in %.1f s: no failure\n", seeds.size(),
              static_cast<unsigned long long>(done), static_cast<unsigned long long>(seed),
              elapsed());
  return 0;
}
