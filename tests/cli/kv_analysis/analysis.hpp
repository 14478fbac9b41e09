#pragma once
// A kind of analysis that exists only for tests: it reads lines, not negotiations. Every
// event whose code says no proposal was chosen becomes evidence of one finding per peer
// (`kv-no-proposal`), with a count and the first and last time. It is the recipe of
// ARCHITECTURE.md ("adding a kind of analysis") carried out for an analysis of lines: this
// folder, a taker handed to the reading pipeline, and its findings handed to the writer
// (tests/cli/analysis_recipe_test.cpp); nothing in diff/ or cli/ knows it.

#include "diff/event_taker.hpp"
#include "model/finding.hpp"

#include <map>
#include <string>
#include <vector>

namespace ikediff::test_analyses::kv {

class no_proposal_scan final : public diff::event_taker {
public:
    void take(const model::log_event& event) override {
        if (event.code != model::event_code::no_proposal_chosen || !event.peer) {
            return;
        }
        model::finding& f = m_by_peer[event.peer->address];
        if (f.rule.empty()) {
            f.rule = "kv-no-proposal";
            f.severity = model::finding_severity::high;
            f.title = "The peer chose no proposal";
            f.subject = event.peer->address;
            f.first = event.time;
            f.cause = "The two sides share no IKE proposal.";
            f.fix = {"Compare the IKE crypto profile with the peer's proposals."};
        }
        ++f.count;
        f.last = event.time;
        if (f.evidence.size() < 3) {
            f.evidence.push_back({event.where, event.text});
        }
    }

    /// The findings, one per peer, when every input was read.
    std::vector<model::finding> findings() const {
        std::vector<model::finding> out;
        for (const auto& [peer, f] : m_by_peer) {
            out.push_back(f);
        }
        return out;
    }

private:
    std::map<std::string, model::finding> m_by_peer;
};

} // namespace ikediff::test_analyses::kv
