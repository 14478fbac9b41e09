// Google Benchmark of the parser facade (parser::read_log over an in-memory log) and of the
// whole pipeline behind it (reconstructor, analyser, JSON writer), reporting bytes/s. Inputs are generated with a fixed seed: a noise-heavy log (mostly debug lines
// ikediff does not interpret), a block-heavy log (Compared blocks and rejected lines), and
// a malformed-heavy log (truncated IKE lines, which take the expectation-failure path).
//
//   cmake --preset bench && cmake --build --preset bench && ./build/bench/bench/parser_bench

#include "cli/report/writer.hpp"
#include "diff/ike/compare.hpp"
#include "diff/ike/reconstruct.hpp"
#include "parser/log_reader.hpp"

#include <benchmark/benchmark.h>

#include <ostream>
#include <streambuf>

#include <cstdio>
#include <random>
#include <string>

namespace {

constexpr std::size_t k_target_bytes = 8u << 20;

const char* const k_noise[] = {
    "total SA len=56",
    "prop#=1, prot-id=ISAKMP, spi-size=0, #trns=1",
    "trns#=1, trns-id=IKE",
    "type=Encryption Algorithm, flag=0x8000, lorv=AES-CBC",
    "received Vendor ID: RFC 3947",
    "compute DH's private.",
};

const char* const k_block[] = {
    "Compared: DB:Peer", "(lifetime = 28800:28800)", "(lifebyte = 0:0)", "enctype = AES:AES",
    "(encklen = 256:256)", "hashtype = SHA256:SHA512", "authmethod = PSK:PSK", "dh_group = DH20:DH20",
    "rejected hashtype: DB(prop#1:trns#1):Peer(prop#1:trns#1) = SHA256:SHA512",
    "no suitable proposal found.",
    "200.100.5.1[500] - 200.100.1.254[500]:(nil) failed to get valid proposal.",
};

const char* const k_malformed[] = {
    "rejected hashtype: DB(prop#1:trns",
    "hashtype = SHA256",
    "rejected dh_group: DB(prop#1:trns#1):Peer(",
};

enum class mix : std::uint8_t { noise, blocks, malformed };

std::string generate(mix kind) {
    std::mt19937 rng(42);
    std::string out;
    char prefix[96];
    std::size_t block_line = 0;
    while (out.size() < k_target_bytes) {
        const auto context = static_cast<unsigned>(rng() % 64);
        std::snprintf(prefix, sizeof prefix, "2021-07-06 18:35:%02u.%03u +0900  [DEBG]: { %4u:     }: ",
                      static_cast<unsigned>(rng() % 60), static_cast<unsigned>(rng() % 1000), context);
        out += prefix;
        const auto roll = static_cast<unsigned>(rng() % 100);
        if (kind == mix::noise || (kind == mix::malformed && roll < 70)) {
            out += roll < 15 && kind == mix::noise ? k_block[block_line++ % std::size(k_block)]
                                                   : k_noise[rng() % std::size(k_noise)];
        } else if (kind == mix::malformed) {
            out += k_malformed[rng() % std::size(k_malformed)];
        } else {
            out += k_block[block_line++ % std::size(k_block)];
        }
        out += '\n';
    }
    return out;
}

void read_all(benchmark::State& state, mix kind) {
    std::string log = generate(kind);
    std::uint64_t events = 0;
    for (auto _ : state) {
        std::FILE* f = ::fmemopen(log.data(), log.size(), "r");
        ikediff::parser::input_stats stats;
        stats.name = "bench";
        std::string error;
        const bool ok = ikediff::parser::read_log(f, 0, stats, [&](ikediff::model::log_event&&) { ++events; }, error);
        std::fclose(f);
        if (!ok || stats.lines == 0) {
            state.SkipWithError(("read_log read nothing: " + error).c_str());
            return;
        }
        benchmark::DoNotOptimize(stats.recognized);
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(log.size()));
    state.counters["events/iter"] = static_cast<double>(events) / static_cast<double>(state.iterations());
}

/// An ostream that drops what it is given (the report's bytes are not what is measured).
class null_buffer final : public std::streambuf {
protected:
    int_type overflow(int_type c) override { return c; }
    std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

/// read_log -> reconstructor -> analyser -> JSON writer, as `ikediff --format json` runs them
/// (in one thread here).
void pipeline(benchmark::State& state, mix kind) {
    using namespace ikediff;
    std::string log = generate(kind);
    std::size_t negotiations = 0;
    for (auto _ : state) {
        std::FILE* f = ::fmemopen(log.data(), log.size(), "r");
        cli::report r;
        r.inputs.emplace_back().name = "bench";
        const auto writer = cli::json_writer();
        null_buffer sink;
        std::ostream out(&sink);
        writer->begin(out, r);
        diff::analyser analyse(nullptr, {});
        diff::reconstructor rebuild([&](model::negotiation&& n) {
            if (auto nr = analyse.add(std::move(n))) {
                r.count(*nr);
                writer->negotiation(r, *nr);
            }
        });
        std::string error;
        const bool ok = parser::read_log(f, 0, r.inputs[0], [&](model::log_event&& e) { rebuild.add(std::move(e)); }, error);
        std::fclose(f);
        rebuild.finish();
        writer->finish(out, r);
        if (!ok || r.inputs[0].lines == 0) {
            state.SkipWithError(("read_log read nothing: " + error).c_str());
            return;
        }
        negotiations = r.summary().negotiations;
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(log.size()));
    state.counters["negotiations"] = static_cast<double>(negotiations);
}

void bm_noise_heavy(benchmark::State& s) { read_all(s, mix::noise); }
void bm_block_heavy(benchmark::State& s) { read_all(s, mix::blocks); }
void bm_malformed_heavy(benchmark::State& s) { read_all(s, mix::malformed); }

void bm_pipeline_noise_heavy(benchmark::State& s) { pipeline(s, mix::noise); }
void bm_pipeline_block_heavy(benchmark::State& s) { pipeline(s, mix::blocks); }
void bm_pipeline_malformed_heavy(benchmark::State& s) { pipeline(s, mix::malformed); }

BENCHMARK(bm_noise_heavy)->Unit(benchmark::kMillisecond);
BENCHMARK(bm_block_heavy)->Unit(benchmark::kMillisecond);
BENCHMARK(bm_malformed_heavy)->Unit(benchmark::kMillisecond);
BENCHMARK(bm_pipeline_noise_heavy)->Unit(benchmark::kMillisecond);
BENCHMARK(bm_pipeline_block_heavy)->Unit(benchmark::kMillisecond);
BENCHMARK(bm_pipeline_malformed_heavy)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
