// Call transcripts: a deterministic script per conversation, full of personal data the
// panel must mask (Luhn-valid card numbers, phones, e-mails, a US SSN, an IBAN) next to
// look-alikes it must leave alone (times, amounts, order numbers).
//
// A transcription event's `transcript` is the spoken form ("four one one one", "jo at example
// dot com") and `decoratedTranscript` the written form, which the schema makes optional
// (TranscriptionTopicTranscriptAlternative in notification-topics-2.json); long numbers are
// often split over consecutive utterances of one speaker (docs/genesys-api.md, transcription
// topic). The script has all of these: spoken lines without a written form, a card read out
// over two utterances, and a written card split the same way.
#include "core.h"

#include <cstdio>

namespace gcsim {

namespace {

std::string digitsOf(Rng& rng, int count) {
    std::string digits;
    for (int i = 0; i < count; ++i) digits.push_back(static_cast<char>('0' + rng.below(10)));
    return digits;
}

// 16-digit Visa-like number whose last digit makes the Luhn sum a multiple of ten.
std::string luhnCardNumber(Rng& rng) {
    std::string number = "4" + digitsOf(rng, 14);
    int sum = 0;
    for (size_t i = 0; i < number.size(); ++i) {
        int digit = number[number.size() - 1 - i] - '0';
        if (i % 2 == 0) {  // these get doubled once the check digit is appended
            digit *= 2;
            if (digit > 9) digit -= 9;
        }
        sum += digit;
    }
    number.push_back(static_cast<char>('0' + (10 - sum % 10) % 10));
    return number.substr(0, 4) + " " + number.substr(4, 4) + " " + number.substr(8, 4) + " " + number.substr(12, 4);
}

// German IBAN with correct ISO 7064 mod-97 check digits.
std::string germanIban(Rng& rng) {
    const std::string bban = digitsOf(rng, 18);
    const std::string rearranged = bban + "131400";  // "DE00" as digits: D=13, E=14
    int remainder = 0;
    for (char c : rearranged) remainder = (remainder * 10 + (c - '0')) % 97;
    char check[8];
    std::snprintf(check, sizeof check, "%02d", (98 - remainder) % 100);
    const std::string iban = "DE" + std::string(check) + bban;
    std::string spaced;
    for (size_t i = 0; i < iban.size(); ++i) {
        if (i > 0 && i % 4 == 0) spaced.push_back(' ');
        spaced.push_back(iban[i]);
    }
    return spaced;
}

// "4111 1111" -> "four one one one one one one one": digits read one by one, the rest kept.
std::string spokenDigits(std::string_view text) {
    static const char* const kWords[] = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};
    std::string spoken;
    for (char c : text) {
        if (c < '0' || c > '9') continue;
        if (!spoken.empty()) spoken += ' ';
        spoken += kWords[c - '0'];
    }
    return spoken;
}

}  // namespace

std::vector<Core::ScriptLine> Core::transcriptScript(const Conversation& conversation) const {
    Rng rng(conversation.scriptSeed);
    std::string agentName = "your agent";
    for (const auto& participant : conversation.participants)
        if (participant.purpose == "agent" && participant.monitoredPid.empty() && participant.coachedPid.empty() &&
            participant.bargedPid.empty())
            agentName = participant.name.substr(0, participant.name.find(' '));
    const std::string customerFirst = conversation.customerName.substr(0, conversation.customerName.find(' '));
    std::string email = conversation.customerName;
    for (char& c : email) c = c == ' ' ? '.' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    email += "@mail-example.com";
    char phone[32], ssn[16], amount[16], order[24], time[8];
    std::snprintf(phone, sizeof phone, "+1 (415) 555-%04d", rng.below(10000));
    std::snprintf(ssn, sizeof ssn, "%03d-%02d-%04d", 100 + rng.below(565), 10 + rng.below(90), 1000 + rng.below(9000));
    std::snprintf(amount, sizeof amount, "$%d.%02d", 20 + rng.below(480), rng.below(100));
    std::snprintf(order, sizeof order, "ORD-%06d", rng.below(1000000));
    std::snprintf(time, sizeof time, "%d:%02d", 8 + rng.below(9), rng.below(4) * 15);
    const std::string card = luhnCardNumber(rng);
    const std::string iban = germanIban(rng);
    const std::string readCard = luhnCardNumber(rng);  // read out, eight digits an utterance
    const std::string splitCard = luhnCardNumber(rng);  // "dddd dddd dddd dddd"
    char callback[16];
    std::snprintf(callback, sizeof callback, "415555%04d", rng.below(10000));
    std::string spokenEmail = conversation.customerName;  // "Jane Doe" -> "jane doe at example dot com"
    for (char& c : spokenEmail) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    spokenEmail += " at example dot com";
    // The same words spoken and written, for lines with nothing a decorator would change.
    auto both = [](std::string channel, std::string text) { return ScriptLine{std::move(channel), text, text}; };
    return {
        both("INTERNAL", "Thank you for calling, my name is " + agentName + ". How can I help you today?"),
        both("EXTERNAL", "Hi " + agentName + ", this is " + conversation.customerName + ". I was charged twice for order " + order + "."),
        both("INTERNAL", "I'm sorry to hear that. Can I have the phone number on the account?"),
        both("EXTERNAL", std::string("Sure, it's ") + phone + "."),
        {"EXTERNAL", "my number is five five five zero one zero zero nine nine nine", ""},
        {"EXTERNAL", "or call me on " + spokenDigits(callback) + " after ten thirty",
         std::string("Or call me on ") + callback + " after 10:30."},
        both("INTERNAL", "Thanks. And the e-mail address we have on file?"),
        both("EXTERNAL", "It should be " + email + "."),
        {"EXTERNAL", "my email is " + spokenEmail, ""},
        both("INTERNAL", std::string("I can see two charges of ") + amount + " on the same day. Let me verify the card."),
        {"EXTERNAL", "the card is " + spokenDigits(readCard.substr(0, 9)), ""},
        {"EXTERNAL", spokenDigits(readCard.substr(10)) + " for order " + order, ""},
        both("INTERNAL", "Thanks. And the card you used for the second charge?"),
        {"EXTERNAL", "it's " + spokenDigits(splitCard.substr(0, 9)), "It's " + splitCard.substr(0, 9)},
        {"EXTERNAL", spokenDigits(splitCard.substr(10)) + " and it was " + amount + " at " + time,
         splitCard.substr(10) + ", and it was " + amount + " at " + time + "."},
        both("INTERNAL", "The card number is " + card + ", is that right?"),
        both("INTERNAL", "For identity verification, could you confirm the last part of your social security number?"),
        both("EXTERNAL", std::string("My social security number is ") + ssn + "."),
        both("INTERNAL", "Thank you, " + customerFirst + ". I'll refund the duplicate charge to your bank account instead?"),
        both("EXTERNAL", "Yes please, my IBAN is " + iban + "."),
        both("INTERNAL", std::string("Done. The refund of ") + amount + " should arrive by " + time + " tomorrow."),
        both("EXTERNAL", "Great, thanks for your help."),
    };
}

HttpResponse Core::serveTranscript(const std::string& key) {
    auto it = transcriptKeys_.find(key);
    if (it != transcriptKeys_.end() && wallNowMs() >= it->second.expiresMs) {
        HttpResponse response;  // an expired pre-signed object URL
        response.status = 403;
        response.contentType = "application/xml";
        response.body = "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>";
        return response;
    }
    Conversation* conversation = it == transcriptKeys_.end() ? nullptr : findConversation(it->second.conversationId);
    if (!conversation) {
        HttpResponse response;
        response.status = 404;
        response.contentType = "application/xml";  // like an expired pre-signed object URL
        response.body = "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>";
        return response;
    }
    std::string agentCommunication;
    json::array participants;
    for (const auto& participant : conversation->participants) {
        if (participant.purpose == "agent" && agentCommunication.empty()) agentCommunication = participant.comm.id;
        if (participant.purpose == "agent" || participant.purpose == "customer")
            participants.push_back({{"participantPurpose", participant.purpose == "agent" ? "internal" : "external"},
                                    {"userId", participant.userId},
                                    {"participantId", participant.id}});
    }
    json::array phrases;
    int64_t offset = 1500;
    for (const auto& line : transcriptScript(*conversation)) {
        const std::string& channel = line.channel;
        const std::string& text = line.decorated.empty() ? line.spoken : line.decorated;
        const int64_t length = 1200 + static_cast<int64_t>(text.size()) * 55;
        phrases.push_back({{"text", text},
                           {"participantPurpose", channel == "INTERNAL" ? "internal" : "external"},
                           {"startTimeMs", conversation->startMs + offset},
                           {"duration", {{"milliseconds", length}}},
                           {"confidence", 0.91}});
        offset += length + 600;
    }
    json::object document{{"organizationId", kOrganizationId},
                          {"conversationId", conversation->id},
                          {"communicationId", agentCommunication},
                          {"mediaType", "call"},
                          {"startTime", conversation->startMs},
                          {"duration", {{"milliseconds", std::max<int64_t>(offset, conversation->endMs - conversation->startMs)}}},
                          {"transcripts", json::array{{{"transcriptId", randomUuid()},
                                                       {"language", "en-US"},
                                                       {"programId", "gcsim-default-program"},
                                                       {"phrases", std::move(phrases)}}}},
                          {"participants", std::move(participants)}};
    return jsonResponse(200, document);
}

}  // namespace gcsim
