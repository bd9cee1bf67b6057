namespace Kami.Core.Security.Network;

/// <summary>The HTTP statuses KAMI follows as redirects (a tool's kami:http request and a package download alike).</summary>
public static class HttpRedirects
{
    /// <summary>301, 302, 303, 307 or 308: a status whose Location is followed (300 and 304 are not redirects to follow).</summary>
    public static bool IsFollowed(int status) => status is 301 or 302 or 303 or 307 or 308;
}
