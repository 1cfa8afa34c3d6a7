# Runs a command on a pseudo-terminal and types into it as a person would: each step waits until
# the screen shows some text, then sends keys. Prints everything the terminal showed, then the exit
# status on a last line `EXIT=<code>`. Used by the end-to-end tests of interactive commands.
#   python3 pty-drive.py '<json: {"cmd": [...], "cwd": "...", "steps": [{"wait": "text", "send": "keys"}]}>'
# A step with "untilExit": true sends its keys each time its text appears, until the program ends.
import fcntl, json, os, pty, select, struct, sys, termios, time

spec = json.loads(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    os.chdir(spec["cwd"])
    env = dict(os.environ, NO_COLOR="1", TERM="xterm", COLUMNS="120", LINES="40")
    env.pop("CI", None)
    os.execvpe(spec["cmd"][0], spec["cmd"], env)

# A window wide enough that prompts do not wrap.
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 160, 0, 0))
screen = b""
def read(timeout):
    global screen
    end = time.time() + timeout
    while time.time() < end:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return False
            if not chunk:
                return False
            screen += chunk
    return True

def answer_until_exit(step):
    # Answers every prompt the same way until the program ends: "a user who presses Enter everywhere".
    global screen
    deadline = time.time() + 60
    while time.time() < deadline:
        if step["wait"].encode() in screen:
            screen = screen.replace(step["wait"].encode(), b"<seen>", 1)
            time.sleep(0.15)
            os.write(fd, step["send"].encode())
        elif not read(0.1):
            return

for step in spec["steps"]:
    if step.get("untilExit"):
        answer_until_exit(step)
        continue
    deadline = time.time() + 15
    while step["wait"].encode() not in screen and time.time() < deadline:
        if not read(0.1):
            break
    if step["wait"].encode() not in screen:
        sys.stdout.write(screen.decode("utf8", "replace"))
        sys.stdout.write("\nTIMEOUT waiting for: " + step["wait"] + "\n")
        os.kill(pid, 9)
        sys.exit(3)
    # Forget what was waited for, so the next wait needs new output.
    screen = screen.replace(step["wait"].encode(), b"<seen>", 1)
    time.sleep(0.15)
    if "append" in step:
        # Someone else edits the file while the questions are being answered.
        with open(step["append"]["file"], "a") as f:
            f.write(step["append"]["text"])
    os.write(fd, step["send"].encode())
# After the last step the program should finish; one that waits for more input is killed.
deadline = time.time() + 20
while read(0.3) and time.time() < deadline:
    pass
if time.time() >= deadline:
    sys.stdout.write(screen.decode("utf8", "replace"))
    sys.stdout.write("\nTIMEOUT waiting for the program to finish\n")
    os.kill(pid, 9)
    sys.exit(3)
_, status = os.waitpid(pid, 0)
sys.stdout.write(screen.decode("utf8", "replace"))
sys.stdout.write("\nEXIT=%d\n" % (os.waitstatus_to_exitcode(status)))
