// The standalone binary: first stdout line, flag validation.
#include <gtest/gtest.h>

#include <csignal>
#include <cstdio>
#include <regex>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace {

const std::string kBinary = std::string(PANEL_BIN_DIR) + "/gcsim";

TEST(GcsimExecutable, FirstLineAnnouncesTheBaseUrl) {
    int pipeFds[2];
    ASSERT_EQ(pipe(pipeFds), 0);
    pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        dup2(pipeFds[1], STDOUT_FILENO);
        if (FILE* quiet = fopen("/dev/null", "w")) dup2(fileno(quiet), STDERR_FILENO);
        close(pipeFds[0]);
        execl(kBinary.c_str(), kBinary.c_str(), "--agents", "5", "--no-scenario", static_cast<char*>(nullptr));
        _exit(127);
    }
    close(pipeFds[1]);
    std::string line;
    char c;
    while (read(pipeFds[0], &c, 1) == 1 && c != '\n') line.push_back(c);
    close(pipeFds[0]);
    kill(child, SIGTERM);
    int status = 0;
    waitpid(child, &status, 0);
    EXPECT_TRUE(std::regex_match(line, std::regex(R"(gcsim listening on http://127\.0\.0\.1:\d+)"))) << line;
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

TEST(GcsimExecutable, BadFlagsExitWithAMessage) {
    for (const char* args : {"--speed banana", "--refresh-tokens maybe", "--frobnicate", "--faults meteor=1"}) {
        const std::string command = kBinary + " " + args + " 2>&1";
        FILE* output = popen(command.c_str(), "r");
        ASSERT_NE(output, nullptr);
        std::string text;
        char buffer[256];
        while (fgets(buffer, sizeof buffer, output)) text += buffer;
        const int status = pclose(output);
        EXPECT_NE(WEXITSTATUS(status), 0) << args;
        EXPECT_NE(text.find("gcsim:"), std::string::npos) << args << ": " << text;
    }
}

}  // namespace
