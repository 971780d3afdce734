// The real service's listing limits as gcsim enforces them (tools/gcsim/README.md, "Limits
// of the real service"): the users listing's 10,000-result window and sort order, the 100
// ids per bulk call, the 100 queue members per page with nextUri, the analytics predicate
// cap, and gzip when asked.
#include "test_client.h"

#include <zlib.h>

#include <set>

namespace gcsim_test {
namespace {

class ListingLimits : public SimFixture {
protected:
    void start(int agents, int queues = 6, int maxPredicates = 100) {
        gcsim::Options o;
        o.agents = agents;
        o.queues = queues;
        o.scenario = false;
        o.rateLimitPerMinute = 0;
        o.maxPredicatesPerQuery = maxPredicates;
        startSim(o);
    }

    std::vector<std::string> listedIds(const std::string& target) {
        Reply page = api("GET", target);
        EXPECT_EQ(page.status, 200) << page.body;
        std::vector<std::string> ids;
        for (const auto& user : page.json().at("entities").as_array()) ids.emplace_back(user.at("id").as_string());
        return ids;
    }

    // An analytics body with `count` userId predicates.
    static std::string userObservations(int count) {
        json::array predicates;
        for (int i = 0; i < count; ++i)
            predicates.push_back({{"dimension", "userId"}, {"value", "00000000-0000-4000-8000-" + std::to_string(100000000000 + i)}});
        return json::serialize(json::object{{"filter", {{"type", "or"}, {"predicates", std::move(predicates)}}},
                                            {"metrics", json::array{"oActiveQueues"}}});
    }
};

// An ErrorBody as every gcsim 400 has it.
void expectErrorBody(const Reply& reply, int status, const char* code) {
    ASSERT_EQ(reply.status, status) << reply.body;
    const auto& body = reply.json().as_object();
    EXPECT_EQ(body.at("code").as_string(), code);
    EXPECT_EQ(body.at("status").as_int64(), status);
    EXPECT_FALSE(body.at("message").as_string().empty());
    EXPECT_TRUE(body.contains("contextId") && body.contains("messageWithParams") && body.contains("details"));
}

TEST_F(ListingLimits, UsersListingRefusesPagesPastTheFirstTenThousandResults) {
    start(10);
    // The window is pageNumber x pageSize, whatever the org's size.
    EXPECT_EQ(api("GET", "/api/v2/users?pageSize=500&pageNumber=20").status, 200);
    EXPECT_EQ(api("GET", "/api/v2/users?pageSize=100&pageNumber=100").status, 200);
    expectErrorBody(api("GET", "/api/v2/users?pageSize=500&pageNumber=21"), 400, "bad.request");
    expectErrorBody(api("GET", "/api/v2/users?pageSize=100&pageNumber=101"), 400, "bad.request");
    expectErrorBody(api("GET", "/api/v2/users?pageSize=300&pageNumber=34"), 400, "bad.request");
}

TEST_F(ListingLimits, DescendingOrderListsTheSameUsersBackwards) {
    start(30);
    auto ascending = listedIds("/api/v2/users?pageSize=100");
    auto descending = listedIds("/api/v2/users?pageSize=100&sortOrder=descending");
    ASSERT_EQ(ascending.size(), 32u);  // 30 agents and the 2 supervisors
    std::reverse(descending.begin(), descending.end());
    EXPECT_EQ(ascending, descending);
    EXPECT_EQ(listedIds("/api/v2/users?pageSize=10&sortOrder=ascending"),
              std::vector<std::string>(ascending.begin(), ascending.begin() + 10));
    expectErrorBody(api("GET", "/api/v2/users?sortOrder=sideways"), 400, "invalid.query.param.value");
}

TEST_F(ListingLimits, BulkUsersTakeAtMostOneHundredIds) {
    start(120);
    auto all = listedIds("/api/v2/users?pageSize=200");
    std::string hundred, more;
    for (size_t i = 0; i < 101; ++i) (i < 100 ? hundred : more) += "&id=" + all[i];
    Reply ok = api("GET", "/api/v2/users?pageSize=100" + hundred);
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_EQ(ok.json().at("entities").as_array().size(), 100u);
    expectErrorBody(api("GET", "/api/v2/users?pageSize=100" + hundred + more), 400, "max.user.ids");
}

TEST_F(ListingLimits, QueueMembersTakeAtMostOneHundredPerPageAndFollowNextUri) {
    start(400, 2);
    Reply queues = api("GET", "/api/v2/routing/queues?pageSize=100");
    const auto& queue = queues.json().at("entities").as_array().at(0);
    const std::string queueId(queue.at("id").as_string());
    const auto memberCount = static_cast<size_t>(queue.at("memberCount").as_int64());
    ASSERT_GT(memberCount, 100u);
    expectErrorBody(api("GET", "/api/v2/routing/queues/" + queueId + "/members?pageSize=101"), 400,
                    "invalid.query.param.value");

    std::set<std::string> members;
    std::string next = "/api/v2/routing/queues/" + queueId + "/members?pageSize=100";
    int pages = 0;
    while (!next.empty() && pages < 20) {
        Reply page = api("GET", next);
        ASSERT_EQ(page.status, 200) << page.body;
        const auto& listing = page.json().as_object();
        EXPECT_FALSE(listing.contains("total") || listing.contains("pageCount")) << "members have no totals";
        EXPECT_LE(listing.at("entities").as_array().size(), 100u);
        for (const auto& m : listing.at("entities").as_array()) members.insert(std::string(m.at("id").as_string()));
        next = listing.contains("nextUri") ? std::string(listing.at("nextUri").as_string()) : "";
        ++pages;
    }
    EXPECT_EQ(members.size(), memberCount);
    EXPECT_EQ(pages, static_cast<int>((memberCount + 99) / 100));
}

TEST_F(ListingLimits, AnalyticsQueriesRefuseMorePredicatesThanTheCap) {
    start(10);
    EXPECT_EQ(api("POST", "/api/v2/analytics/users/observations/query", userObservations(100)).status, 200);
    Reply refused = api("POST", "/api/v2/analytics/users/observations/query", userObservations(101));
    expectErrorBody(refused, 400, "constraint.validation");
    EXPECT_NE(refused.json().at("message").as_string().find("at most 100"), json::string::npos);
    EXPECT_EQ(api("POST", "/api/v2/analytics/conversations/activity/query",
                  R"({"metrics":[{"metric":"oInteracting"}],"groupBy":["userId"],"filter":)" +
                      json::serialize(json::parse(userObservations(101)).at("filter")) + "}")
                  .status,
              400);
}

TEST_F(ListingLimits, PredicateCapIsAnOption) {
    start(10, 6, 0);
    EXPECT_EQ(api("POST", "/api/v2/analytics/users/observations/query", userObservations(500)).status, 200);
    sim->stop();
    start(10, 6, 10);
    EXPECT_EQ(api("POST", "/api/v2/analytics/users/observations/query", userObservations(10)).status, 200);
    EXPECT_EQ(api("POST", "/api/v2/analytics/users/observations/query", userObservations(11)).status, 400);
}

std::string gunzip(const std::string& data) {
    z_stream stream{};
    EXPECT_EQ(inflateInit2(&stream, 15 + 16), Z_OK);
    std::string out(data.size() * 20 + 1024, '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    EXPECT_EQ(inflate(&stream, Z_FINISH), Z_STREAM_END);
    out.resize(stream.total_out);
    inflateEnd(&stream);
    return out;
}

TEST_F(ListingLimits, ListingsAreGzippedWhenAskedAndPlainOtherwise) {
    start(200);
    const std::string target = "/api/v2/users?pageSize=200&expand=presence";
    Reply plain = api("GET", target);
    ASSERT_EQ(plain.status, 200);
    EXPECT_EQ(plain.header("content-encoding"), "");
    Reply zipped = http->request("GET", target, "", {{"Authorization", "Bearer " + token}, {"Accept-Encoding", "gzip"}});
    ASSERT_EQ(zipped.status, 200);
    EXPECT_EQ(zipped.header("content-encoding"), "gzip");
    EXPECT_LT(zipped.body.size() * 4, plain.body.size()) << "a users page shrinks several times";
    // Same users in the same order (the presence timestamps are read at each request).
    const json::value decoded = json::parse(gunzip(zipped.body));
    ASSERT_EQ(decoded.at("entities").as_array().size(), plain.json().at("entities").as_array().size());
    EXPECT_EQ(decoded.at("entities").as_array().at(7).at("id"), plain.json().at("entities").as_array().at(7).at("id"));
    Reply refused = http->request("GET", target, "", {{"Authorization", "Bearer " + token}, {"Accept-Encoding", "gzip;q=0"}});
    EXPECT_EQ(refused.header("content-encoding"), "");
}

}  // namespace
}  // namespace gcsim_test
