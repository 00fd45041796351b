import { useCallback, useEffect, useState } from 'react';
import { stopStream } from '../../platform/devices/microphone';

export interface AudioDevice {
  readonly id: string;
  readonly label: string;
}

export interface MediaDevicesState {
  readonly inputs: readonly AudioDevice[];
  readonly outputs: readonly AudioDevice[];
  /** False until the page may see device names (the browser hides them before microphone access). */
  readonly named: boolean;
  readonly problem: string | undefined;
}

const empty: MediaDevicesState = { inputs: [], outputs: [], named: false, problem: undefined };

function listOf(devices: readonly MediaDeviceInfo[], kind: MediaDeviceKind): AudioDevice[] {
  // The browser's own "default" entry is what an empty setting means; it is offered as "System default".
  return devices
    .filter((device) => device.kind === kind && device.deviceId !== '' && device.deviceId !== 'default')
    .map((device, index) => ({ id: device.deviceId, label: device.label || `${kind === 'audioinput' ? 'Microphone' : 'Speaker'} ${index + 1}` }));
}

/** The microphones and speakers there are now, following `devicechange` as they are plugged in and out. */
export function useMediaDevices(): MediaDevicesState & { askForNames: () => Promise<void> } {
  const [state, setState] = useState<MediaDevicesState>(empty);

  const refresh = useCallback(async () => {
    if (!navigator.mediaDevices) {
      setState({ ...empty, problem: 'This page cannot list audio devices (no navigator.mediaDevices).' });
      return;
    }
    try {
      const devices = await navigator.mediaDevices.enumerateDevices();
      setState({
        inputs: listOf(devices, 'audioinput'),
        outputs: listOf(devices, 'audiooutput'),
        named: devices.some((device) => device.kind === 'audioinput' && device.label !== ''),
        problem: undefined,
      });
    } catch (error) {
      setState({ ...empty, problem: `Could not list audio devices: ${error instanceof Error ? error.message : String(error)}` });
    }
  }, []);

  useEffect(() => {
    void refresh();
    const devices = navigator.mediaDevices as MediaDevices | undefined;
    const onChange = () => void refresh();
    devices?.addEventListener('devicechange', onChange);
    return () => devices?.removeEventListener('devicechange', onChange);
  }, [refresh]);

  /** Opens the microphone for a moment so the browser shows device names, then lists again. */
  const askForNames = useCallback(async () => {
    try {
      stopStream(await navigator.mediaDevices.getUserMedia({ audio: true }));
    } catch (error) {
      setState((current) => ({ ...current, problem: `Microphone access was refused: ${error instanceof Error ? error.message : String(error)}` }));
      return;
    }
    await refresh();
  }, [refresh]);

  return { ...state, askForNames };
}
