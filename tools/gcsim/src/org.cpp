// Building the org from the seed: users, queues, memberships, presence definitions.
#include "core.h"

#include <algorithm>
#include <array>

namespace gcsim {

namespace {

constexpr std::array kFirstNames = {
    "Dana",   "Ali",    "Maya",   "Jonas",  "Priya",  "Lucas",  "Chloe",  "Omar",   "Sofia",  "Ethan",
    "Aisha",  "Mateo",  "Hannah", "Kenji",  "Zara",   "Noah",   "Elena",  "Tariq",  "Grace",  "Diego",
    "Leila",  "Samuel", "Ines",   "Victor", "Amara",  "Felix",  "Nora",   "Hugo",   "Yuki",   "Isaac",
    "Mila",   "Rafael", "Freya",  "Kwame",  "Lena",   "Andre",  "Olivia", "Ravi",   "Sara",   "Tomas",
    "Nadia",  "Liam",   "Emma",   "Carlos", "Fatima", "Jack",   "Anna",   "Mohamed", "Julia", "Ben"};
constexpr std::array kLastNames = {
    "Ruiz",    "Khan",     "Patel",   "Schmidt", "Nguyen",  "Okafor",  "Rossi",   "Dubois",  "Kowalski", "Silva",
    "Johnson", "Garcia",   "Murphy",  "Tanaka",  "Haddad",  "Larsen",  "Novak",   "Mensah",  "Fischer",  "Moreau",
    "Brown",   "Lopez",    "Wilson",  "Kim",     "Ahmed",   "Costa",   "Jensen",  "Ivanova", "Reyes",    "Walsh",
    "Chen",    "Singh",    "Bakker",  "Hughes",  "Romano",  "Sato",    "Adeyemi", "Berg",    "Cruz",     "Evans"};
constexpr std::array kQueueNames = {"Sales",       "Support",     "Billing",      "Retention",
                                    "Tech Support", "VIP",        "Claims",       "Renewals",
                                    "Onboarding",  "Collections", "Escalations",  "Partners"};
constexpr std::array kSystemPresences = {"Available", "Away",     "Busy",    "Offline", "Idle",
                                         "OnQueue",   "Meal",     "Training", "Meeting", "Break"};

std::string emailFor(const std::string& name) {
    std::string email;
    for (char c : name) email.push_back(c == ' ' ? '.' : static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    return email + "@example-contactcenter.com";
}

}  // namespace

const char* mediaKey(Media media) {
    switch (media) {
        case Media::Call: return "call";
        case Media::Callback: return "callback";
        case Media::Chat: return "chat";
        case Media::Email: return "email";
        case Media::Message: return "message";
    }
    return "call";
}

const char* mediaAnalytics(Media media) { return media == Media::Call ? "voice" : mediaKey(media); }

Core::Core(Options options)
    : options_(std::move(options)), steadyStart_(std::chrono::steady_clock::now()), rng_(options_.seed) {
    if (options_.agents < 1) options_.agents = 1;
    if (options_.queues < 1) options_.queues = 1;
    if (!(options_.speed > 0)) options_.speed = 1.0;
    options_.heartbeatSeconds = std::max(1, options_.heartbeatSeconds);
    options_.tokenTtlSeconds = std::max(1, options_.tokenTtlSeconds);
    options_.eventRate = std::max(0.0, options_.eventRate);
    options_.channelsPerUser = std::max(1, options_.channelsPerUser);
    options_.maxTopicsPerChannel = std::max(1, options_.maxTopicsPerChannel);
    options_.monitorsPerParticipant = std::max(1, options_.monitorsPerParticipant);
    buildOrg();
    registerRoutes();
    if (!options_.faults.empty()) {
        std::string problem = applyFaultSpec(options_.faults);
        if (!problem.empty()) throw std::invalid_argument("bad --faults: " + problem);
    }
    seedInitialActivity();
    if (options_.scenario) scheduleArrival();
}

void Core::setEndpoint(const std::string& scheme, uint16_t port) {
    std::lock_guard lock(mutex_);
    scheme_ = scheme;
    port_ = port;
}

void Core::setTransport(ChannelTransport* transport) {
    std::lock_guard lock(mutex_);
    transport_ = transport;
}

double Core::simNow() const {
    if (timerNow_) return *timerNow_;
    if (scenarioPaused_) return frozenSim_ + advancedSim_;
    double realSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - steadyStart_).count();
    return realSeconds * options_.speed + advancedSim_;
}

int64_t Core::wallAtSim(double simTime) const {
    return wallNowMs() + static_cast<int64_t>((simTime - simNow()) / options_.speed * 1000.0);
}

int64_t Core::steadyMs() const {
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now() - steadyStart_).count();
}

void Core::buildOrg() {
    const int64_t now = wallNowMs();
    divisionId_ = rng_.uuid();
    restrictedDivisionId_ = "0b0b0b0b-0000-4000-8000-00000000000b";  // fixed: drawing it would reshuffle every seeded id
    for (const char* presence : kSystemPresences) presenceDefinitions_.emplace_back(presence, rng_.uuid());
    // Secondary statuses with fixed ids: drawing them would reshuffle every seeded id.
    secondaryPresences_ = {{"Break", "0c0c0c0c-0000-4000-8000-000000000001", "Coffee break"},
                           {"Busy", "0c0c0c0c-0000-4000-8000-000000000002", "Project work"},
                           {"Meeting", "0c0c0c0c-0000-4000-8000-000000000003", "Team huddle"}};

    const int queueCount = options_.queues;
    for (int q = 0; q < queueCount; ++q) {
        Queue queue;
        queue.index = q;
        queue.id = rng_.uuid();
        const char* base = kQueueNames[static_cast<size_t>(q) % kQueueNames.size()];
        size_t round = static_cast<size_t>(q) / kQueueNames.size();
        queue.name = round == 0 ? base : std::string(base) + " " + std::to_string(round + 1);
        queue.description = queue.name + " inbound interactions";
        queue.createdMs = now - 86400000LL * 200;
        for (Media media : kAllMedia) queue.targets[static_cast<size_t>(media)] = queueServiceLevelTarget(q, media);
        queueById_[queue.id] = q;
        queues_.push_back(std::move(queue));
    }

    // Agents: unique first+last combinations while they last, then numbered.
    const size_t combos = kFirstNames.size() * kLastNames.size();
    std::vector<size_t> order(combos);
    for (size_t i = 0; i < combos; ++i) order[i] = i;
    for (size_t i = combos - 1; i > 0; --i) std::swap(order[i], order[static_cast<size_t>(rng_.next() % (i + 1))]);

    for (int a = 0; a < options_.agents; ++a) {
        User user;
        user.index = a;
        user.id = rng_.uuid();
        size_t pick = order[static_cast<size_t>(a) % combos];
        user.name = std::string(kFirstNames[pick % kFirstNames.size()]) + " " + kLastNames[pick / kFirstNames.size()];
        if (static_cast<size_t>(a) >= combos) user.name += " " + std::to_string(a / combos + 1);
        user.email = emailFor(user.name);
        user.title = "Contact Center Agent";
        user.department = "Customer Care";
        user.otherRegion = rng_.chance(0.05);
        int memberships = 1 + rng_.below(std::min(3, queueCount));
        while (static_cast<int>(user.queues.size()) < memberships) {
            int q = rng_.below(queueCount);
            if (std::find(user.queues.begin(), user.queues.end(), q) == user.queues.end()) user.queues.push_back(q);
        }
        std::sort(user.queues.begin(), user.queues.end());
        user.stationId = rng_.uuid();
        user.stationName = "WebRTC - " + user.name;
        user.presenceModifiedMs = now;
        user.routingStartMs = now;
        user.restricted = a >= options_.agents - options_.restrictedAgents;
        userById_[user.id] = a;
        for (int q : user.queues) queues_[static_cast<size_t>(q)].members.push_back(a);
        users_.push_back(std::move(user));
    }

    auto addSupervisor = [&](const char* id, const char* name) {
        User user;
        user.index = static_cast<int>(users_.size());
        user.id = id;
        user.name = name;
        user.email = emailFor(name);
        user.title = "Contact Center Supervisor";
        user.department = "Customer Care";
        user.isAgent = false;
        user.systemPresence = "Available";
        user.presenceModifiedMs = now;
        user.routingStartMs = now;
        user.stationId = rng_.uuid();
        user.stationName = "WebRTC - " + user.name;
        userById_[user.id] = user.index;
        users_.push_back(std::move(user));
        return static_cast<int>(users_.size()) - 1;
    };
    supervisor_ = addSupervisor(kSupervisorId, "Sam Supervisor");
    secondSupervisor_ = addSupervisor(kSecondSupervisorId, "Riley Lead");
    const int team = std::min(12, options_.agents);
    for (int a = 0; a < team; ++a) {
        users_[static_cast<size_t>(a)].manager = supervisor_;
        users_[static_cast<size_t>(supervisor_)].directReports.push_back(a);
    }
    for (int a = team; a < options_.agents; ++a) {
        users_[static_cast<size_t>(a)].manager = secondSupervisor_;
        if (a < 2 * team) users_[static_cast<size_t>(secondSupervisor_)].directReports.push_back(a);
    }
    for (auto& queue : queues_) seedHistory(queue);
}

User* Core::findUser(const std::string& id) {
    auto it = userById_.find(id);
    return it == userById_.end() ? nullptr : &users_[static_cast<size_t>(it->second)];
}

Queue* Core::findQueue(const std::string& id) {
    auto it = queueById_.find(id);
    return it == queueById_.end() ? nullptr : &queues_[static_cast<size_t>(it->second)];
}

Conversation* Core::findConversation(const std::string& id) {
    auto it = conversations_.find(id);
    return it == conversations_.end() ? nullptr : &it->second;
}

std::string Core::presenceDefinitionId(const std::string& systemPresence) const {
    for (const auto& [presence, id] : presenceDefinitions_)
        if (presence == systemPresence) return id;
    return presenceDefinitions_.front().second;
}

}  // namespace gcsim
