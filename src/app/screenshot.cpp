#include "app/screenshot.h"

#include <glad/gl.h>
#include <stb_image_write.h>

#include <vector>

namespace app {

bool writeScreenshot(const std::string& path, int width, int height, std::string& error) {
  std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * height * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  stbi_flip_vertically_on_write(1);  // GL rows start at the bottom
  if (!stbi_write_png(path.c_str(), width, height, 4, pixels.data(), width * 4)) {
    error = "could not write " + path;
    return false;
  }
  return true;
}

}  // namespace app
