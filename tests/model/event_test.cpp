// model/event.hpp, model/diagnostic.hpp and model/result.hpp: names and small helpers.

#include "model/diagnostic.hpp"
#include "model/event.hpp"
#include "model/result.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using namespace ikediff::model;

TEST(EventToString, Role) {
    EXPECT_EQ(to_string(role::initiator), "initiator");
    EXPECT_EQ(to_string(role::responder), "responder");
}

TEST(EventToString, Exchange) {
    EXPECT_EQ(to_string(exchange::main), "main");
    EXPECT_EQ(to_string(exchange::aggressive), "aggressive");
    EXPECT_EQ(to_string(exchange::quick), "quick");
    EXPECT_EQ(to_string(exchange::ike_sa_init), "IKE_SA_INIT");
    EXPECT_EQ(to_string(exchange::ike_auth), "IKE_AUTH");
    EXPECT_EQ(to_string(exchange::create_child_sa), "CREATE_CHILD_SA");
}

TEST(EventToString, AttributesAreNoLogsWords) {
    // The model names attributes for what they are; racoon's words (`enctype`, `trns_id`)
    // stay in its grammar.
    EXPECT_EQ(to_string(phase1_attribute::lifetime), "lifetime");
    EXPECT_EQ(to_string(phase1_attribute::lifebytes), "lifebytes");
    EXPECT_EQ(to_string(phase1_attribute::cipher), "cipher");
    EXPECT_EQ(to_string(phase1_attribute::key_length), "key_length");
    EXPECT_EQ(to_string(phase1_attribute::hash), "hash");
    EXPECT_EQ(to_string(phase1_attribute::auth_method), "auth_method");
    EXPECT_EQ(to_string(phase1_attribute::dh_group), "dh_group");
    EXPECT_EQ(to_string(phase1_attribute::version), "version");
    EXPECT_EQ(to_string(phase2_attribute::protocol), "protocol");
    EXPECT_EQ(to_string(phase2_attribute::encapsulation), "encapsulation");
    EXPECT_EQ(to_string(phase2_attribute::cipher), "cipher");
    EXPECT_EQ(to_string(phase2_attribute::key_length), "key_length");
    EXPECT_EQ(to_string(phase2_attribute::authentication), "authentication");
    EXPECT_EQ(to_string(phase2_attribute::pfs_group), "pfs_group");
}

TEST(EventToString, EventCodes) {
    EXPECT_EQ(to_string(event_code::compared_begin), "compared-begin");
    EXPECT_EQ(to_string(event_code::no_suitable_proposal), "no-suitable-proposal");
    EXPECT_EQ(to_string(event_code::acceptable_proposal), "acceptable-proposal");
    EXPECT_EQ(to_string(event_code::failed_to_get_valid_proposal), "failed-to-get-valid-proposal");
    EXPECT_EQ(to_string(event_code::begin_main_mode), "begin-main-mode");
    EXPECT_EQ(to_string(event_code::begin_aggressive_mode), "begin-aggressive-mode");
    EXPECT_EQ(to_string(event_code::agreed_psk_auth), "agreed-psk-auth");
}

TEST(TransformRef, StrIsTheLogSpelling) {
    EXPECT_EQ((transform_ref{1, 1}).str(), "prop#1:trns#1");
    EXPECT_EQ((transform_ref{2, 13}).str(), "prop#2:trns#13");
}

TEST(Endpoint, EqualityComparesAddressAndPort) {
    EXPECT_EQ((endpoint{"200.100.5.1", 500}), (endpoint{"200.100.5.1", 500}));
    EXPECT_NE((endpoint{"200.100.5.1", 500}), (endpoint{"200.100.5.1", 4500}));
    EXPECT_NE((endpoint{"200.100.5.1", 500}), (endpoint{"200.100.1.254", 500}));
}

TEST(Diagnostic, LocatedMessageShowsTheKnownParts) {
    diagnostic d;
    d.message = "IKE line not understood: expected ':'";
    EXPECT_EQ(d.located_message(), "IKE line not understood: expected ':'");
    d.file = "ikemgr.log";
    EXPECT_EQ(d.located_message(), "ikemgr.log: IKE line not understood: expected ':'");
    d.line = 14;
    EXPECT_EQ(d.located_message(), "ikemgr.log:14: IKE line not understood: expected ':'");
    d.column = 65;
    EXPECT_EQ(d.located_message(), "ikemgr.log:14:65: IKE line not understood: expected ':'");
}

TEST(Diagnostic, ColumnWithoutLineIsNotShown) {
    diagnostic d;
    d.file = "params.yaml";
    d.message = "unknown key";
    d.column = 3;
    EXPECT_EQ(d.located_message(), "params.yaml: unknown key");
}

TEST(Result, HoldsAValueOrADiagnostic) {
    const result<int> good(42);
    EXPECT_TRUE(good.ok());
    EXPECT_TRUE(static_cast<bool>(good));
    EXPECT_EQ(good.value(), 42);

    diagnostic d;
    d.code = "sheet-unknown-key";
    const result<int> bad(d);
    EXPECT_FALSE(bad.ok());
    EXPECT_FALSE(static_cast<bool>(bad));
    EXPECT_EQ(bad.error().code, "sheet-unknown-key");
}

} // namespace
