"""The robot's browser UI: `python ui.py [--host H] [--port P] [--auth USER:PASS]`."""

from persona.webui.app import build_app

demo = build_app()

if __name__ == "__main__":
    from persona.webui.launch import main

    raise SystemExit(main(demo))
