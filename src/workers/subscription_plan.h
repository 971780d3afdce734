// Which notification topics the panel wants, and how they are spread over channels.
// Pure functions: the session applies the result with PUT .../subscriptions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace workers {

// Which names the org offers where they differ between sources (GET availabletopics).
struct TopicNames {
  bool coachingOffered = true;   // neither coaching name listed: never send one
  bool coachingPlural = false;   // the org lists only ...wem.coaching.notifications
  // The org offers v2.users.{id}.activity: one topic per agent that also keeps the active
  // queues live; otherwise the combined v2.users.{id}?presence&routingStatus.
  bool userActivity = false;
  bool listRead = false;         // the list was read; otherwise the defaults above (SDK names)
};

struct TopicWishes {
  std::string supervisorId;
  TopicNames names;
  std::vector<std::string> queueIds;        // queue observation and queue conversation topics
  std::string transcriptConversationId;     // the open interaction, if any
  std::string selectedAgentId;              // first in line among agents
  std::vector<std::string> agentIds;        // the agents the current view lists, in order
};

// Topics in priority order: what the supervisor is looking at comes first, so that when
// the channel budget runs out it is the far end of a huge list that goes without updates.
std::vector<std::string> wantedTopics(const TopicWishes& wishes);

// Spreads `wanted` over channels of at most `perChannel` topics and at most `maxChannels`
// channels. A topic already on a channel stays there (no churn); freed room is reused
// before a new channel is opened. Returns the new topic list of every channel (index i
// continues channel i of `current`; extra entries are new channels; empty lists mean the
// channel can be dropped), and sets `dropped` to the topics that found no room.
std::vector<std::vector<std::string>> assignTopics(const std::vector<std::vector<std::string>>& current,
                                                   const std::vector<std::string>& wanted, std::size_t perChannel,
                                                   std::size_t maxChannels, std::vector<std::string>& dropped);

// What a topic covers, so that it can be read by REST once the topic is confirmed:
// v2.users.{id}?presence&routingStatus (and v2.users.{id}.presence / .routingStatus /
// .conversations) name an agent, v2.routing.queues.{id}.* and v2.analytics.queues.{id}.*
// a queue, v2.users.{id}.wem.coaching.* the supervisor's appointments. Anything else
// (a transcription) is Other: nothing to read.
struct TopicSubject {
  enum class Kind { Agent, Queue, Coaching, Other };
  Kind kind = Kind::Other;
  std::string id;
};
TopicSubject subjectOf(std::string_view topic);

// A topic's family, its id written {id}: v2.users.{id}.activity,
// v2.routing.queues.{id}.conversations, v2.users.{id}?presence&routingStatus.
std::string topicFamily(std::string_view topic);

}  // namespace workers
