fn main() -> std::process::ExitCode {
    jianbao::cli::run()
}
