/*
 * Search suggestions (progressive enhancement). Every `input[data-suggest]` becomes an ARIA 1.2
 * combobox with a listbox popup of titles from `data-suggest?q=&site=` (the JSON
 * `{"data":[{"title","url","type"}]}`), fetched 150 ms after the last keystroke. Keyboard:
 * ArrowDown/ArrowUp move through the options, Enter opens the highlighted one (or submits the
 * form as usual when none is), Escape closes the list (a second Escape clears the field).
 * Without JavaScript, or when the request fails, the form works as a plain GET form.
 */
;(function () {
  'use strict'
  if (window.__zqSearchSuggest) return
  window.__zqSearchSuggest = true

  var TYPE_LABELS = {
    article: '信息',
    service: '办事指南',
    question: '热点问答',
    letter: '公开来信',
    dataset: '便民查询',
  }
  var DELAY = 150
  var counter = 0
  var script = document.currentScript

  function loadStyle() {
    if (!script || !script.src) return
    var href = script.src.replace(/search-suggest\.js(\?.*)?$/, 'search.css')
    var links = document.querySelectorAll('link[rel="stylesheet"]')
    for (var i = 0; i < links.length; i++) if (links[i].href === href) return
    var link = document.createElement('link')
    link.rel = 'stylesheet'
    link.href = href
    document.head.appendChild(link)
  }

  function enhance(input) {
    if (input.getAttribute('role') === 'combobox') return
    var endpoint = input.getAttribute('data-suggest')
    if (!endpoint || !window.fetch) return
    var id = 'search-suggest-' + ++counter
    var list = document.createElement('ul')
    list.id = id
    list.className = 'search-suggest'
    list.setAttribute('role', 'listbox')
    list.setAttribute('aria-label', '搜索建议')
    list.hidden = true
    var form = input.form
    var host = form || input.parentNode
    host.classList.add('search-suggest-host')
    host.appendChild(list)

    input.setAttribute('role', 'combobox')
    input.setAttribute('aria-autocomplete', 'list')
    input.setAttribute('aria-expanded', 'false')
    input.setAttribute('aria-controls', id)

    var items = []
    var active = -1
    var timer = 0
    var controller = null
    var lastQuery = null

    function close() {
      list.hidden = true
      input.setAttribute('aria-expanded', 'false')
      input.removeAttribute('aria-activedescendant')
      active = -1
    }

    function setActive(i) {
      var options = list.children
      if (active >= 0 && options[active]) options[active].setAttribute('aria-selected', 'false')
      active = i
      if (i >= 0 && options[i]) {
        options[i].setAttribute('aria-selected', 'true')
        input.setAttribute('aria-activedescendant', options[i].id)
        if (options[i].scrollIntoView) options[i].scrollIntoView({ block: 'nearest' })
      } else {
        input.removeAttribute('aria-activedescendant')
      }
    }

    function go(i) {
      var item = items[i]
      if (item && item.url) window.location.href = item.url
    }

    function render(data) {
      items = data
      list.textContent = ''
      active = -1
      input.removeAttribute('aria-activedescendant')
      if (data.length === 0 || document.activeElement !== input) {
        close()
        return
      }
      for (var i = 0; i < data.length; i++) {
        var li = document.createElement('li')
        li.id = id + '-' + i
        li.className = 'search-suggest__option'
        li.setAttribute('role', 'option')
        li.setAttribute('aria-selected', 'false')
        var title = document.createElement('span')
        title.className = 'search-suggest__title'
        title.textContent = data[i].title
        li.appendChild(title)
        var label = TYPE_LABELS[data[i].type]
        if (label) {
          var type = document.createElement('span')
          type.className = 'search-suggest__type'
          type.textContent = label
          li.appendChild(type)
        }
        li.addEventListener('mousedown', preventBlur)
        li.addEventListener('click', onClick(i))
        list.appendChild(li)
      }
      list.hidden = false
      input.setAttribute('aria-expanded', 'true')
    }

    function preventBlur(e) {
      e.preventDefault()
    }

    function onClick(i) {
      return function () {
        go(i)
      }
    }

    function fetchSuggestions() {
      var q = input.value.trim()
      if (q === lastQuery) return
      lastQuery = q
      if (controller) controller.abort()
      if (!q) {
        render([])
        return
      }
      controller = window.AbortController ? new AbortController() : null
      var url = endpoint + '?q=' + encodeURIComponent(q.slice(0, 100))
      var site = input.getAttribute('data-site')
      if (site) url += '&site=' + encodeURIComponent(site)
      fetch(url, {
        headers: { accept: 'application/json' },
        signal: controller ? controller.signal : undefined,
      })
        .then(function (res) {
          return res.ok ? res.json() : { data: [] }
        })
        .then(function (body) {
          var data = body && Array.isArray(body.data) ? body.data.slice(0, 8) : []
          if (input.value.trim() === q) render(data)
        })
        .catch(function () {
          // Aborted or offline: the plain form still works.
        })
    }

    input.addEventListener('input', function () {
      clearTimeout(timer)
      timer = setTimeout(fetchSuggestions, DELAY)
    })

    input.addEventListener('keydown', function (e) {
      var open = !list.hidden && items.length > 0
      if (e.key === 'ArrowDown' || e.key === 'Down') {
        e.preventDefault()
        if (!open) {
          if (items.length > 0) {
            list.hidden = false
            input.setAttribute('aria-expanded', 'true')
            setActive(0)
          } else {
            lastQuery = null
            fetchSuggestions()
          }
          return
        }
        setActive(active + 1 >= items.length ? 0 : active + 1)
      } else if (e.key === 'ArrowUp' || e.key === 'Up') {
        if (!open) return
        e.preventDefault()
        setActive(active <= 0 ? items.length - 1 : active - 1)
      } else if (e.key === 'Enter') {
        if (open && active >= 0) {
          e.preventDefault()
          go(active)
        } else {
          close()
        }
      } else if (e.key === 'Escape' || e.key === 'Esc') {
        if (open) {
          e.preventDefault()
          close()
        } else if (input.value) {
          e.preventDefault()
          input.value = ''
          lastQuery = ''
          items = []
        }
      } else if (e.key === 'Tab') {
        close()
      }
    })

    input.addEventListener('blur', function () {
      close()
    })
  }

  function init() {
    var inputs = document.querySelectorAll('input[data-suggest]')
    if (inputs.length === 0) return
    loadStyle()
    for (var i = 0; i < inputs.length; i++) enhance(inputs[i])
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init)
  else init()
})()
