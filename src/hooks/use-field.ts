import { useState } from 'react'

/** A text field of a form with its own error message; typing clears the error. Spread `bind` on a FormField. */
export function useField(initial = '') {
  const [value, setValue] = useState(initial)
  const [error, setError] = useState<string | null>(null)
  const onInput = (next: string) => {
    setValue(next)
    setError(null)
  }
  return { value, error, setError, bind: { value, error, onInput } }
}
