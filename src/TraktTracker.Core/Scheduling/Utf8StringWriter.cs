using System.Text;

namespace TraktTracker.Scheduling;

/// <summary>A StringWriter whose XML declaration says UTF-8, the encoding the file is written in.</summary>
internal sealed class Utf8StringWriter : StringWriter
{
    public override Encoding Encoding => new UTF8Encoding(false);
}
