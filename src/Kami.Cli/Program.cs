namespace Kami.Cli; static class P { static int Main() => 0; }
