// The scenario engine: arrivals, routing, the life of an interaction, presence churn.
//
// Durations are scenario seconds (divided by --speed in real time); timestamps are the
// real wall clock. Timers carry the conversation's `step` so a timer scheduled before a
// state change (answer, transfer, forced end) quietly does nothing.
#include "core.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace gcsim {

namespace {

struct MediaProfile {
    Media media;
    double share;           // of arrivals
    double meanHandle;      // scenario seconds
    bool wrapup;            // usually needs after-call work
};
constexpr std::array kMediaMix = {
    MediaProfile{Media::Call, 0.50, 300, true},     MediaProfile{Media::Chat, 0.15, 420, true},
    MediaProfile{Media::Message, 0.15, 480, true},  MediaProfile{Media::Email, 0.10, 600, false},
    MediaProfile{Media::Callback, 0.10, 240, true},
};

const MediaProfile& profileOf(Media media) {
    for (const auto& profile : kMediaMix)
        if (profile.media == media) return profile;
    return kMediaMix[0];
}

struct AwayState {
    const char* presence;
    double weight, meanSeconds;
};
constexpr std::array kAwayStates = {AwayState{"Break", 0.4, 900}, AwayState{"Meal", 0.2, 1800},
                                    AwayState{"Away", 0.2, 300},  AwayState{"Meeting", 0.1, 1800},
                                    AwayState{"Training", 0.1, 2400}};
constexpr std::array kOffQueuePresences = {"Available", "Away", "Busy", "Break", "Meal", "Training", "Meeting"};
constexpr std::array kWrapupCodes = {"Resolved", "Follow-up required", "Escalated", "Sale completed",
                                     "Billing question", "No action needed"};
constexpr std::array kCustomerFirst = {"Jordan", "Taylor", "Morgan", "Casey", "Riley", "Avery", "Quinn",
                                       "Harper", "Rowan", "Skyler", "Emerson", "Parker"};
constexpr std::array kCustomerLast = {"Bennett", "Carter", "Doyle", "Ellis", "Foster", "Greene",
                                      "Hayes", "Irwin", "Keller", "Lambert", "Mercer", "Porter"};

constexpr double kAlertAnswerMin = 2, kAlertAnswerMax = 8, kAlertTimeout = 15;
constexpr double kNoAnswerChance = 0.06, kHoldChance = 0.25, kTransferChance = 0.05;

}  // namespace

void Core::schedule(double delaySim, std::function<void()> action) {
    timers_.push(Timer{simNow() + std::max(0.0, delaySim), ++timerSequence_, std::move(action)});
}

void Core::runDueTimers() {
    const double now = simNow();
    // Bounded per tick so a huge backlog (e.g. after `advance`) cannot starve the sockets.
    for (int budget = 200000; budget > 0 && !timers_.empty() && timers_.top().at <= now; --budget) {
        auto action = std::move(const_cast<Timer&>(timers_.top()).action);
        timerNow_ = timers_.top().at;
        timers_.pop();
        try {
            action();
        } catch (const std::exception& error) {  // one broken step must not stop the org
            std::fprintf(stderr, "gcsim: scenario step failed: %s\n", error.what());
        }
        timerNow_.reset();
    }
}

// [SECTION] Interactions

Conversation& Core::createConversation(Media media, int queueIndex) {
    Conversation conversation;
    conversation.id = rng_.uuid();
    conversation.media = media;
    conversation.queue = queueIndex;
    conversation.startMs = wallNowMs();
    conversation.scriptSeed = rng_.next();
    conversation.customerName = std::string(kCustomerFirst[static_cast<size_t>(rng_.below(kCustomerFirst.size()))]) +
                                " " + kCustomerLast[static_cast<size_t>(rng_.below(kCustomerLast.size()))];
    char phone[32];
    std::snprintf(phone, sizeof phone, "tel:+1555%07d", rng_.below(10000000));
    conversation.customerAddress = (media == Media::Call || media == Media::Callback) ? phone
                                   : media == Media::Email ? "customer" + std::to_string(rng_.below(100000)) + "@mail-example.com"
                                                           : conversation.customerName;

    Participant customer;
    customer.id = rng_.uuid();
    customer.purpose = "customer";
    customer.name = conversation.customerName;
    customer.address = conversation.customerAddress;
    customer.startMs = customer.connectedMs = conversation.startMs;
    customer.comm.id = rng_.uuid();
    customer.comm.state = "connected";
    customer.comm.connectedMs = conversation.startMs;
    conversation.participants.push_back(std::move(customer));

    const Queue& queue = queues_[static_cast<size_t>(queueIndex)];
    Participant acd;
    acd.id = rng_.uuid();
    acd.purpose = "acd";
    acd.queueId = queue.id;
    acd.name = queue.name;
    acd.startMs = acd.connectedMs = conversation.startMs;
    acd.comm.id = rng_.uuid();
    acd.comm.state = "connected";
    acd.comm.connectedMs = conversation.startMs;
    conversation.participants.push_back(std::move(acd));

    conversation.phase = Phase::Waiting;
    conversation.waitingSinceSim = simNow();
    offerToQueue(conversation);
    std::string id = conversation.id;
    return conversations_.emplace(id, std::move(conversation)).first->second;
}

void Core::enqueue(Conversation& conversation) {
    Queue& queue = queues_[static_cast<size_t>(conversation.queue)];
    conversation.phase = Phase::Waiting;
    conversation.agent = -1;
    conversation.waitingSinceSim = simNow();
    queue.waiting.push_back(conversation.id);
    queue.observationsDirty = true;
    // A caller left waiting long enough hangs up.
    if (options_.scenario) {
        const std::string id = conversation.id;
        const int step = ++conversation.step;
        schedule(rng_.between(240, 900), [this, id, step] {
            Conversation* waiting = findConversation(id);
            if (waiting && waiting->step == step && waiting->phase == Phase::Waiting)
                endConversation(*waiting, "peer");
        });
    }
    emitConversation(conversation);
    tryRoute(queue);
}

int Core::findIdleAgent(const Queue& queue) {
    if (queue.members.empty()) return -1;
    const size_t count = queue.members.size();
    const size_t start = static_cast<size_t>(rng_.below(static_cast<int>(count)));
    for (size_t i = 0; i < count; ++i) {
        const User& user = users_[static_cast<size_t>(queue.members[(start + i) % count])];
        if (user.systemPresence == "OnQueue" && user.routingStatus == "IDLE" && user.conversations.empty() &&
            user.joinedTo(queue.index))
            return user.index;
    }
    return -1;
}

void Core::tryRoute(Queue& queue) {
    while (!queue.waiting.empty()) {
        Conversation* conversation = findConversation(queue.waiting.front());
        if (!conversation || conversation->phase != Phase::Waiting) {
            queue.waiting.pop_front();
            continue;
        }
        int agent = findIdleAgent(queue);
        if (agent < 0) return;
        queue.waiting.pop_front();
        routeToAgent(*conversation, agent);
    }
}

void Core::tryRouteForAgent(int userIndex) {
    User& user = users_[static_cast<size_t>(userIndex)];
    if (user.systemPresence != "OnQueue" || user.routingStatus != "IDLE" || !user.conversations.empty()) return;
    Queue* best = nullptr;
    double oldest = 0;
    for (int q : user.queues) {
        if (!user.joinedTo(q)) continue;  // a deactivated membership routes nothing
        Queue& queue = queues_[static_cast<size_t>(q)];
        while (!queue.waiting.empty()) {
            Conversation* head = findConversation(queue.waiting.front());
            if (head && head->phase == Phase::Waiting) {
                if (!best || head->waitingSinceSim < oldest) {
                    best = &queue;
                    oldest = head->waitingSinceSim;
                }
                break;
            }
            queue.waiting.pop_front();
        }
    }
    if (!best) return;
    Conversation* conversation = findConversation(best->waiting.front());
    best->waiting.pop_front();
    routeToAgent(*conversation, userIndex);
}

bool Core::routeToAgent(Conversation& conversation, int userIndex) {
    User& agent = users_[static_cast<size_t>(userIndex)];
    const int64_t now = wallNowMs();
    Participant participant;
    participant.id = rng_.uuid();
    participant.purpose = "agent";
    participant.userId = agent.id;
    participant.name = agent.name;
    participant.queueId = queues_[static_cast<size_t>(conversation.queue)].id;
    participant.startMs = now;
    participant.comm.id = rng_.uuid();
    participant.comm.state = "alerting";
    participant.comm.startAlertingMs = now;
    conversation.participants.push_back(std::move(participant));
    conversation.agent = userIndex;
    conversation.phase = Phase::Alerting;
    conversation.otherRegion = agent.otherRegion;
    const int step = ++conversation.step;
    agent.conversations.push_back(conversation.id);
    setRoutingStatus(agent, "INTERACTING");
    queues_[static_cast<size_t>(conversation.queue)].observationsDirty = true;
    emitConversation(conversation);

    const std::string id = conversation.id;
    if (rng_.chance(kNoAnswerChance))
        schedule(kAlertTimeout, [this, id, step] { alertTimeout(id, step); });
    else
        schedule(rng_.between(kAlertAnswerMin, kAlertAnswerMax), [this, id, step] { answer(id, step); });
    return true;
}

static Participant* currentAgentParticipant(Conversation& conversation) {
    for (auto it = conversation.participants.rbegin(); it != conversation.participants.rend(); ++it)
        if (it->purpose == "agent" && it->monitoredPid.empty() && it->coachedPid.empty() && it->bargedPid.empty())
            return &*it;
    return nullptr;
}

void Core::answer(const std::string& conversationId, int step) {
    Conversation* conversation = findConversation(conversationId);
    if (!conversation || conversation->step != step || conversation->phase != Phase::Alerting) return;
    const int64_t now = wallNowMs();
    Participant* agent = currentAgentParticipant(*conversation);
    agent->comm.state = "connected";
    agent->comm.connectedMs = agent->connectedMs = now;
    for (auto& participant : conversation->participants) {
        if (participant.purpose == "acd" && participant.active()) {
            participant.endMs = now;
            participant.comm.state = "disconnected";
            participant.comm.disconnectType = "transfer";
            participant.comm.disconnectedMs = now;
        }
    }
    conversation->phase = Phase::Connected;
    countAnswered(*conversation);
    const int newStep = ++conversation->step;
    queues_[static_cast<size_t>(conversation->queue)].observationsDirty = true;
    emitConversation(*conversation);

    const MediaProfile& profile = profileOf(conversation->media);
    const double handle = std::max(20.0, rng_.exponential(profile.meanHandle));
    const std::string id = conversationId;
    if (options_.scenario) {  // without a scenario only /_sim/control ends interactions
        if (rng_.chance(kHoldChance)) {
            const double holdAt = handle * rng_.between(0.2, 0.6);
            const double holdFor = std::min(handle - holdAt - 5, rng_.between(15, 120));
            if (holdFor > 5) {
                schedule(holdAt, [this, id, newStep] { holdToggle(id, newStep, true); });
                schedule(holdAt + holdFor, [this, id, newStep] { holdToggle(id, newStep, false); });
            }
        }
        if (conversation->transfers == 0 && queues_.size() > 1 && rng_.chance(kTransferChance))
            schedule(handle * 0.5, [this, id, newStep] { transfer(id, newStep); });
        else
            schedule(handle, [this, id, newStep] { customerHangsUp(id, newStep); });
    }
    if (conversation->media == Media::Call || conversation->media == Media::Callback) {
        scheduleUtterance(id, newStep);  // live transcription while the call runs
    }
}

void Core::scheduleUtterance(const std::string& conversationId, int step) {
    schedule(rng_.between(3, 6), [this, conversationId, step] {
        Conversation* live = findConversation(conversationId);
        if (!live || live->step != step || live->phase != Phase::Connected) return;
        emitTranscription(*live);
        scheduleUtterance(conversationId, step);
    });
}

void Core::alertTimeout(const std::string& conversationId, int step) {
    Conversation* conversation = findConversation(conversationId);
    if (!conversation || conversation->step != step || conversation->phase != Phase::Alerting) return;
    const int64_t now = wallNowMs();
    Participant* agent = currentAgentParticipant(*conversation);
    agent->comm.state = "disconnected";
    agent->comm.disconnectType = "timeout";
    agent->comm.disconnectedMs = agent->endMs = now;
    User& user = users_[static_cast<size_t>(conversation->agent)];
    std::erase(user.conversations, conversation->id);
    setRoutingStatus(user, "NOT_RESPONDING");
    const int userIndex = user.index;
    const int presenceStep = user.presenceStep;
    // The agent notices after a while and goes back on queue.
    schedule(rng_.between(20, 90), [this, userIndex, presenceStep] {
        User& late = users_[static_cast<size_t>(userIndex)];
        if (late.routingStatus != "NOT_RESPONDING" || late.presenceStep != presenceStep) return;
        setRoutingStatus(late, late.systemPresence == "OnQueue" ? "IDLE" : "OFF_QUEUE");
        tryRouteForAgent(userIndex);
    });
    Queue& queue = queues_[static_cast<size_t>(conversation->queue)];
    conversation->agent = -1;
    conversation->phase = Phase::Waiting;
    ++conversation->step;
    queue.waiting.push_front(conversation->id);
    queue.observationsDirty = true;
    emitConversation(*conversation);
    tryRoute(queue);
}

void Core::holdToggle(const std::string& conversationId, int step, bool hold) {
    Conversation* conversation = findConversation(conversationId);
    if (!conversation || conversation->step != step || conversation->phase != Phase::Connected) return;
    Participant* agent = currentAgentParticipant(*conversation);
    if (!agent || agent->comm.held == hold) return;
    agent->comm.held = hold;
    agent->comm.startHoldMs = hold ? wallNowMs() : 0;
    emitConversation(*conversation);
}

void Core::transfer(const std::string& conversationId, int step) {
    Conversation* conversation = findConversation(conversationId);
    if (!conversation || conversation->step != step || conversation->phase != Phase::Connected) return;
    const int64_t now = wallNowMs();
    Participant* agent = currentAgentParticipant(*conversation);
    agent->comm.state = "disconnected";
    agent->comm.disconnectType = "transfer";
    agent->comm.held = false;
    agent->comm.disconnectedMs = agent->endMs = now;
    agent->wrapup = WrapupInfo{"transfer", "Transferred", static_cast<int>((now - agent->connectedMs) / 1000), now};
    for (auto& participant : conversation->participants) {
        if (participant.active() && (!participant.monitoredPid.empty() || !participant.coachedPid.empty() ||
                                     !participant.bargedPid.empty())) {
            participant.endMs = now;
            participant.comm.state = "disconnected";
            participant.comm.disconnectType = "transfer";
            participant.comm.disconnectedMs = now;
        }
    }
    detachFromAgent(*conversation);
    int target = rng_.below(static_cast<int>(queues_.size()) - 1);
    if (target >= conversation->queue) ++target;
    conversation->queue = target;
    conversation->transfers++;
    offerToQueue(*conversation);
    Participant acd;
    acd.id = rng_.uuid();
    acd.purpose = "acd";
    acd.queueId = queues_[static_cast<size_t>(target)].id;
    acd.name = queues_[static_cast<size_t>(target)].name;
    acd.startMs = acd.connectedMs = now;
    acd.comm.id = rng_.uuid();
    acd.comm.state = "connected";
    acd.comm.connectedMs = now;
    conversation->participants.push_back(std::move(acd));
    enqueue(*conversation);
}

void Core::customerHangsUp(const std::string& conversationId, int step) {
    Conversation* conversation = findConversation(conversationId);
    if (!conversation || conversation->step != step || conversation->phase != Phase::Connected) return;
    if (!profileOf(conversation->media).wrapup || rng_.chance(0.15)) {
        endConversation(*conversation, "peer");
        return;
    }
    // Everyone hangs up; the agent stays in after-call work until the wrap-up code is set.
    const int64_t now = wallNowMs();
    for (auto& participant : conversation->participants) {
        if (!participant.active()) continue;
        participant.endMs = now;
        participant.comm.state = "disconnected";
        participant.comm.held = false;
        participant.comm.disconnectType = participant.purpose == "customer" ? "endpoint" : "peer";
        participant.comm.disconnectedMs = now;
    }
    Participant* agent = currentAgentParticipant(*conversation);
    agent->wrapupRequired = true;
    agent->startAcwMs = now;
    conversation->endMs = now;
    conversation->endedSim = simNow();
    conversation->phase = Phase::Wrapup;
    const int newStep = ++conversation->step;
    emitTranscription(*conversation);  // SESSION_ENDED
    emitConversation(*conversation);
    const std::string id = conversationId;
    schedule(rng_.between(10, 60), [this, id, newStep] { finishWrapup(id, newStep); });
}

void Core::finishWrapup(const std::string& conversationId, int step) {
    Conversation* conversation = findConversation(conversationId);
    if (!conversation || conversation->step != step || conversation->phase != Phase::Wrapup) return;
    const int64_t now = wallNowMs();
    Participant* agent = currentAgentParticipant(*conversation);
    const char* name = kWrapupCodes[static_cast<size_t>(rng_.below(kWrapupCodes.size()))];
    agent->wrapup = WrapupInfo{std::string("wc-") + std::to_string(rng_.below(900) + 100), name,
                               static_cast<int>((now - agent->startAcwMs) / 1000), now};
    agent->endAcwMs = now;
    conversation->phase = Phase::Ended;
    ++conversation->step;
    detachFromAgent(*conversation);
    emitConversation(*conversation);
    endedOrder_.push_back(conversation->id);
}

void Core::endConversation(Conversation& conversation, const std::string& disconnectType) {
    if (conversation.phase == Phase::Ended) return;
    // Ended before an agent answered: the customer abandoned the queue.
    if (conversation.phase == Phase::Waiting || conversation.phase == Phase::Alerting) countAbandoned(conversation);
    const int64_t now = wallNowMs();
    const bool wasLive = conversation.endMs == 0;
    for (auto& participant : conversation.participants) {
        if (!participant.active()) continue;
        participant.endMs = now;
        participant.comm.state = "disconnected";
        participant.comm.held = false;
        participant.comm.disconnectType = disconnectType;
        participant.comm.disconnectedMs = now;
    }
    if (wasLive) {
        conversation.endMs = now;
        conversation.endedSim = simNow();
    }
    conversation.phase = Phase::Ended;
    ++conversation.step;
    queues_[static_cast<size_t>(conversation.queue)].observationsDirty = true;
    detachFromAgent(conversation);
    if (wasLive) emitTranscription(conversation);
    emitConversation(conversation);
    endedOrder_.push_back(conversation.id);
}

void Core::detachFromAgent(Conversation& conversation) {
    if (conversation.agent < 0) return;
    User& user = users_[static_cast<size_t>(conversation.agent)];
    conversation.agent = -1;
    std::erase(user.conversations, conversation.id);
    refreshRoutingStatus(user);
    queues_[static_cast<size_t>(conversation.queue)].observationsDirty = true;
    tryRouteForAgent(user.index);
}

void Core::retireEnded() {
    // Keep recent history for GET /conversations/{id} and transcripts, bounded.
    const size_t keep = std::max<size_t>(1000, static_cast<size_t>(options_.agents));
    while (endedOrder_.size() > keep) {
        auto it = conversations_.find(endedOrder_.front());
        if (it != conversations_.end()) {
            transcriptKeys_.erase(it->second.transcriptKey);
            conversations_.erase(it);
        }
        endedOrder_.pop_front();
    }
}

// [SECTION] Presence and routing status

void Core::setPresence(User& user, const std::string& systemPresence, const std::string& definitionId) {
    const std::string secondary = definitionId == presenceDefinitionId(systemPresence) ? "" : definitionId;
    if (user.systemPresence == systemPresence && user.presenceDefinitionId == secondary) return;
    user.presenceDefinitionId = secondary;
    user.systemPresence = systemPresence;
    user.presenceModifiedMs = wallNowMs();
    user.presenceStep++;
    emitPresence(user);
    refreshRoutingStatus(user);
    for (int q : user.queues) queues_[static_cast<size_t>(q)].observationsDirty = true;
}

void Core::setRoutingStatus(User& user, const std::string& status) {
    if (user.routingStatus == status) return;
    user.routingStatus = status;
    user.routingStartMs = wallNowMs();
    emitRoutingStatus(user);
    for (int q : user.queues) queues_[static_cast<size_t>(q)].observationsDirty = true;
}

void Core::refreshRoutingStatus(User& user) {
    if (!user.isAgent) return;
    if (user.systemPresence != "OnQueue") {
        setRoutingStatus(user, "OFF_QUEUE");
        return;
    }
    if (!user.conversations.empty()) {
        setRoutingStatus(user, "INTERACTING");
        return;
    }
    // NOT_RESPONDING and COMMUNICATING clear on their own timers, not here.
    if (user.routingStatus == "NOT_RESPONDING" || user.routingStatus == "COMMUNICATING") return;
    setRoutingStatus(user, "IDLE");
}

void Core::scheduleAgentBreak(int userIndex) {
    schedule(rng_.exponential(2400) + 60, [this, userIndex] {
        User& user = users_[static_cast<size_t>(userIndex)];
        if (!user.conversations.empty() || user.routingStatus == "NOT_RESPONDING" ||
            user.routingStatus == "COMMUNICATING") {
            schedule(60, [this, userIndex] { scheduleAgentBreak(userIndex); });
            return;
        }
        if (user.systemPresence == "OnQueue") {
            if (rng_.chance(0.15)) {
                // A short non-ACD call (internal consult): COMMUNICATING.
                setRoutingStatus(user, "COMMUNICATING");
                schedule(rng_.between(60, 240), [this, userIndex] {
                    User& back = users_[static_cast<size_t>(userIndex)];
                    if (back.routingStatus != "COMMUNICATING") return;
                    setRoutingStatus(back, back.systemPresence == "OnQueue" ? "IDLE" : "OFF_QUEUE");
                    tryRouteForAgent(userIndex);
                    scheduleAgentBreak(userIndex);
                });
                return;
            }
            double pick = rng_.uniform(), acc = 0;
            const AwayState* chosen = &kAwayStates[0];
            for (const auto& state : kAwayStates) {
                acc += state.weight;
                if (pick <= acc) {
                    chosen = &state;
                    break;
                }
            }
            setPresence(user, chosen->presence);
            schedule(std::max(60.0, rng_.exponential(chosen->meanSeconds)), [this, userIndex] {
                User& back = users_[static_cast<size_t>(userIndex)];
                setPresence(back, "OnQueue");
                tryRouteForAgent(userIndex);
                scheduleAgentBreak(userIndex);
            });
        } else {
            // Off queue (Available, Offline, ...): log in / go on queue.
            setPresence(user, "OnQueue");
            tryRouteForAgent(userIndex);
            scheduleAgentBreak(userIndex);
        }
    });
}

void Core::churnPresence(int count) {
    for (int i = 0; i < count; ++i) {
        User* user = nullptr;
        for (int attempt = 0; attempt < 4 && !user; ++attempt) {
            User& candidate = users_[static_cast<size_t>(rng_.below(options_.agents))];
            if (candidate.systemPresence != "OnQueue" && candidate.conversations.empty()) user = &candidate;
        }
        if (!user) {
            // Everyone sampled is on queue: touch a presence message instead (still one event).
            User& candidate = users_[static_cast<size_t>(rng_.below(options_.agents))];
            candidate.presenceModifiedMs = wallNowMs();
            emitPresence(candidate);
            continue;
        }
        const char* next = user->systemPresence.c_str();
        while (user->systemPresence == next)
            next = kOffQueuePresences[static_cast<size_t>(rng_.below(kOffQueuePresences.size()))];
        setPresence(*user, next);
    }
}

// [SECTION] Arrivals and the initial picture

void Core::scheduleArrival() {
    // Roughly 60-70% occupancy of the on-queue agents.
    const double perSecond = std::max(0.02, options_.agents * 0.0016);
    schedule(rng_.exponential(1.0 / perSecond), [this] {
        double pick = rng_.uniform(), acc = 0;
        Media media = Media::Call;
        for (const auto& profile : kMediaMix) {
            acc += profile.share;
            if (pick <= acc) {
                media = profile.media;
                break;
            }
        }
        Conversation& conversation = createConversation(media, rng_.below(static_cast<int>(queues_.size())));
        enqueue(conversation);
        scheduleArrival();
    });
}

Conversation& Core::startCallFor(User& agent, int queueIndex, Media media) {
    Conversation& conversation = createConversation(media, queueIndex);
    routeToAgent(conversation, agent.index);
    return conversation;
}

void Core::seedInitialActivity() {
    const int64_t now = wallNowMs();
    for (int a = 0; a < options_.agents; ++a) {
        User& user = users_[static_cast<size_t>(a)];
        double roll = rng_.uniform();
        user.systemPresence = roll < 0.72 ? "OnQueue" : roll < 0.80 ? "Available" : roll < 0.86 ? "Break"
                              : roll < 0.89 ? "Meal" : roll < 0.92 ? "Away" : roll < 0.95 ? "Meeting" : "Offline";
        user.presenceModifiedMs = now - static_cast<int64_t>(rng_.between(10, 2400) / options_.speed * 1000);
        user.routingStatus = user.systemPresence == "OnQueue" ? "IDLE" : "OFF_QUEUE";
        user.routingStartMs = user.presenceModifiedMs;
        if (!options_.scenario) continue;  // a still picture: nothing moves by itself
        if (user.systemPresence != "OnQueue" && user.systemPresence != "Offline") {
            const int userIndex = a;
            schedule(rng_.between(60, 900), [this, userIndex] {
                User& back = users_[static_cast<size_t>(userIndex)];
                if (back.systemPresence == "OnQueue") return;
                setPresence(back, "OnQueue");
                tryRouteForAgent(userIndex);
                scheduleAgentBreak(userIndex);
            });
        } else {
            scheduleAgentBreak(a);
        }
    }
    if (!options_.scenario) return;
    // Half of the on-queue agents are already busy, so the picture is alive immediately.
    for (int a = 0; a < options_.agents; ++a) {
        User& user = users_[static_cast<size_t>(a)];
        if (user.systemPresence != "OnQueue" || !rng_.chance(0.55)) continue;
        const auto& profile = kMediaMix[static_cast<size_t>(rng_.below(3))];
        Conversation& conversation = createConversation(profile.media, user.queues[static_cast<size_t>(rng_.below(
                                                                           static_cast<int>(user.queues.size())))]);
        const int64_t elapsedMs = static_cast<int64_t>(rng_.between(5, 400) / options_.speed * 1000);
        conversation.startMs = now - elapsedMs - 8000;
        for (auto& participant : conversation.participants) {
            participant.startMs = participant.connectedMs = participant.comm.connectedMs = conversation.startMs;
        }
        routeToAgent(conversation, a);
        Participant* agent = currentAgentParticipant(conversation);
        agent->startMs = agent->comm.startAlertingMs = now - elapsedMs - 4000;
        user.routingStartMs = agent->startMs;
        answer(conversation.id, conversation.step);
        agent->connectedMs = agent->comm.connectedMs = now - elapsedMs;
    }
    // And a few callers are already waiting.
    for (size_t q = 0; q < queues_.size(); ++q) {
        int waiting = rng_.below(3);
        for (int i = 0; i < waiting; ++i) enqueue(createConversation(Media::Call, static_cast<int>(q)));
    }
}

}  // namespace gcsim
