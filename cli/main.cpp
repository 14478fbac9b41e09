#include "cli/run.hpp"

int main(int argc, char** argv) { return ikediff::cli::run(argc, argv); }
